using System.Text;
using System.Text.Json;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Alink;

// Desired properties (docs/protocol.md, Desired properties): the cloud sets values it wants a device to take, each with a version
// that every set raises; the device asks for them (desired/get) and deletes the ones it has applied (desired/delete). The values
// wait in the cloud: a device offline at the set finds them when it asks.
public sealed partial class AlinkCloud
{
    /// <summary>The most identifiers one desired/get or desired/delete may name (6104 beyond).</summary>
    public const int MaxDesiredPerRequest = 200;

    /// <summary>The most values one SetDeviceDesiredProperty or QueryDeviceDesiredProperty may name, as on the platform.</summary>
    public const int MaxDesiredPerCall = 10;

    // thing/property/desired/get, params ["id",…] → data {"id":{"value":v,"version":n},…} for the identifiers with a desired value.
    async Task OnDesiredGetAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.property.desired.get";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            AlinkError? error = null;
            string data = "{}";
            if (!doc.RootElement.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Array)
                error = new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON array");
            else if (parameters.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                error = new AlinkError(AlinkCodes.RequestParameterError, "params must hold property identifiers (strings)");
            else if (parameters.GetArrayLength() > MaxDesiredPerRequest)
                error = new AlinkError(AlinkCodes.DesiredListTooLong, "more than " + MaxDesiredPerRequest + " properties in one request");
            else
                data = DesiredData(_store.GetDesired(pk, dn), parameters.EnumerateArray().Select(e => e.GetString()!));
            await AnswerAsync(topic, id, ack, error, method, data).ConfigureAwait(false);
        }
    }

    // In the order asked; identifiers without a desired value (never set, cleared or deleted) are left out.
    static string DesiredData(List<DesiredProperty> stored, IEnumerable<string> asked) => Encoding.UTF8.GetString(AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        foreach (string identifier in asked.Distinct())
        {
            if (stored.FirstOrDefault(d => d.Identifier == identifier) is not { ValueJson: string value } desired) continue;
            w.WriteStartObject(identifier);
            w.WritePropertyName("value");
            w.WriteRawValue(value);
            w.WriteNumber("version", desired.Version);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }));

    // thing/property/desired/delete, params {"id":{"version":n},"id2":{}} → data {}; a version that is not the current one leaves
    // that value.
    async Task OnDesiredDeleteAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.property.desired.delete";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            var deletes = new List<KeyValuePair<string, long?>>();
            AlinkError? error = doc.RootElement.TryGetProperty("params", out JsonElement parameters)
                ? ReadDesiredDeletes(_store.GetProduct(pk)?.Tsl, parameters, deletes)
                : new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON object");
            if (error == null) error = await StoreAsync(() => _store.DeleteDesiredAsync(pk, dn, deletes, Now)).ConfigureAwait(false);
            await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
        }
    }

    static AlinkError? ReadDesiredDeletes(ThingModel? model, JsonElement parameters, List<KeyValuePair<string, long?>> deletes)
    {
        if (parameters.ValueKind != JsonValueKind.Object) return new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON object");
        foreach (JsonProperty p in parameters.EnumerateObject())
        {
            if (model != null && !model.Properties.ContainsKey(p.Name))
                return new AlinkError(AlinkCodes.ParamsNotExist, "property " + p.Name + " is not in the thing model");
            if (p.Value.ValueKind != JsonValueKind.Object) return new AlinkError(AlinkCodes.RequestParameterError, p.Name + " must be a JSON object");
            long? version = null;
            if (p.Value.TryGetProperty("version", out JsonElement v))
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n)) return new AlinkError(AlinkCodes.RequestParameterError, p.Name + ".version must be an integer");
                version = n;
            }
            deletes.Add(new KeyValuePair<string, long?>(p.Name, version));
        }
        return deletes.Count > MaxDesiredPerRequest
            ? new AlinkError(AlinkCodes.DesiredListTooLong, "more than " + MaxDesiredPerRequest + " properties in one request") : null;
    }

    /// <summary>
    /// SetDeviceDesiredProperty: up to 10 values (null clears one), each a writable property of the thing model with a value of its
    /// type; <paramref name="versions"/> names the current version of some of them (0 before the first set) and the call is refused
    /// when one differs. Returns the new versions of the values set. Nothing is sent to the device: it asks with desired/get.
    /// </summary>
    public async Task<Dictionary<string, long>> SetDesiredPropertyAsync(string productKey, string deviceName, JsonElement items, JsonElement versions)
    {
        Product product = RequireProduct(productKey);
        RequireDevice(productKey, deviceName);
        if (items.ValueKind != JsonValueKind.Object || items.EnumerateObject().Count() is 0 or > MaxDesiredPerCall)
            throw Invalid("Items must be a JSON object of 1 to " + MaxDesiredPerCall + " properties");
        if (versions.ValueKind != JsonValueKind.Object) throw Invalid("Versions must be a JSON object (may be {})");
        var values = new List<KeyValuePair<string, string?>>();
        foreach (JsonProperty item in items.EnumerateObject())
        {
            CheckWritable(product, item, nullClears: true);
            values.Add(new KeyValuePair<string, string?>(item.Name, item.Value.ValueKind == JsonValueKind.Null ? null : item.Value.GetRawText()));
        }
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (JsonProperty version in versions.EnumerateObject())
        {
            if (!items.TryGetProperty(version.Name, out _)) throw Invalid("Versions names " + version.Name + ", which Items does not set");
            if (version.Value.ValueKind != JsonValueKind.Number || !version.Value.TryGetInt64(out long n)) throw Invalid("Versions." + version.Name + " must be an integer");
            expected[version.Name] = n;
        }
        (bool applied, Dictionary<string, long> result) = await _store.SetDesiredAsync(productKey, deviceName, values, expected, Now).ConfigureAwait(false);
        if (!applied)
        {
            KeyValuePair<string, long> wrong = expected.First(e => result[e.Key] != e.Value);
            throw new CloudApiException("iot.device.DesiredPropertyVersionMismatch",
                "the desired value of " + wrong.Key + " is at version " + result[wrong.Key] + ", not " + wrong.Value);
        }
        return result;
    }
}
