using System.Text.Json.Nodes;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.ControlApi;

// Desired properties under the platform's names (docs/protocol.md, Desired properties): SetDeviceDesiredProperty and
// QueryDeviceDesiredProperty.
public sealed partial class CloudApi
{
    // Items {"id":value,…} (null clears a value) and Versions {"id":currentVersion,…} (may be {}), both JSON or strings holding JSON,
    // as the platform takes them; answers the new versions as a JSON string.
    async Task<JsonObject> SetDeviceDesiredPropertyAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        Dictionary<string, long> versions = await cloud.SetDesiredPropertyAsync(d.ProductKey, d.DeviceName, r.Json("Items"), r.Json("Versions"))
            .ConfigureAwait(false);
        var text = new JsonObject();
        foreach ((string identifier, long version) in versions) text[identifier] = version;
        return Data(new JsonObject { ["Versions"] = text.ToJsonString(ApiResponse.JsonOptions) });
    }

    // Every property that has had a desired value (or those Identifier names, at most 10), by identifier; a cleared value is null.
    Task<JsonObject> QueryDeviceDesiredPropertyAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        List<string> wanted = r.StringList("Identifier");
        if (wanted.Count > AlinkCloud.MaxDesiredPerCall) throw ApiRequest.Invalid("Identifier may name at most " + AlinkCloud.MaxDesiredPerCall + " properties");
        ThingModel? model = store.GetProduct(d.ProductKey)?.Tsl;
        var list = new JsonArray(store.GetDesired(d.ProductKey, d.DeviceName).Where(p => wanted.Count == 0 || wanted.Contains(p.Identifier)).Select(p =>
        {
            JsonObject info = PropertyInfo(model, p.Identifier);
            info["Value"] = p.ValueJson == null ? null : ValueText(p.ValueJson);
            info["Version"] = p.Version;
            info["Time"] = p.TimeMs.ToString();
            return (JsonNode)info;
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = new JsonObject { ["DesiredPropertyInfo"] = list } }));
    }
}
