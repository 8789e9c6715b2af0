using System.Text.Json;
using LinkKit.Emulator.Registry;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Alink;

// Batch and history posts (docs/protocol.md, Batch and history posts): many values per property and many events in one
// request, each with its own time. Every value is checked as a property post or event post checks it; one bad value refuses the
// whole request, and nothing of it is stored.
public sealed partial class AlinkCloud
{
    /// <summary>
    /// <c>thing/event/property/batch/post</c>, params
    /// <c>{"properties":{"id":[{"value":v,"time":ms},…]},"events":{"eventId":[{"value":{…},"time":ms},…]}}</c>.
    /// </summary>
    async Task OnBatchPostAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.event.property.batch.post";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            var data = new TimedData(_store.GetProduct(pk), Now);
            AlinkError? error = data.Product == null ? new AlinkError(AlinkCodes.ProductNotFound, "product not found")
                : !doc.RootElement.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Object
                    ? new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON object")
                    : ReadBatch(data, parameters);
            await StoreTimedDataAsync(pk, dn, topic, id, ack, method, data, error).ConfigureAwait(false);
        }
    }

    static AlinkError? ReadBatch(TimedData data, JsonElement parameters)
    {
        return ReadSeries(parameters, "properties", data.AddProperty, countProperties: true) ?? ReadSeries(parameters, "events", data.AddEvent, countProperties: false);
    }

    // params.properties or params.events of a batch post: identifier → array of entries.
    static AlinkError? ReadSeries(JsonElement parameters, string member, Func<string, JsonElement, AlinkError?> add, bool countProperties)
    {
        if (OptionalMember(parameters, member, "params." + member, JsonValueKind.Object, out JsonElement all) is AlinkError bad) return bad;
        if (all.ValueKind != JsonValueKind.Object) return null;
        int count = 0;
        foreach (JsonProperty series in all.EnumerateObject())
        {
            if (series.Value.ValueKind != JsonValueKind.Array)
                return new AlinkError(AlinkCodes.ParamsFormatError, "params." + member + "." + series.Name + " must be a JSON array");
            foreach (JsonElement entry in series.Value.EnumerateArray())
                if (add(series.Name, entry) is AlinkError error) return error;
            count++;
        }
        return countProperties ? TslValidator.CheckPropertyCount(count) : null;
    }

    /// <summary>
    /// <c>thing/event/property/history/post</c>, params an array of
    /// <c>{"identity":{"productKey","deviceName"},"properties":[{"id":{"value":v,"time":ms},…},…],"events":[{"eventId":{"value":{…},"time":ms}},…]}</c>.
    /// The identity must be the device itself: gateways posting for their sub-devices are not modelled.
    /// </summary>
    async Task OnHistoryPostAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.event.property.history.post";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            var data = new TimedData(_store.GetProduct(pk), Now);
            AlinkError? error = data.Product == null ? new AlinkError(AlinkCodes.ProductNotFound, "product not found")
                : !doc.RootElement.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Array
                    ? new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON array")
                    : ReadHistoryItems(data, pk, dn, parameters);
            await StoreTimedDataAsync(pk, dn, topic, id, ack, method, data, error).ConfigureAwait(false);
        }
    }

    AlinkError? ReadHistoryItems(TimedData data, string pk, string dn, JsonElement items)
    {
        int index = 0;
        foreach (JsonElement item in items.EnumerateArray())
            if (ReadHistoryItem(data, pk, dn, item, "params[" + index++ + "]") is AlinkError error) return error;
        return null;
    }

    AlinkError? ReadHistoryItem(TimedData data, string pk, string dn, JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object) return new AlinkError(AlinkCodes.ParamsFormatError, path + " must be a JSON object");
        JsonElement identity = item.TryGetProperty("identity", out JsonElement i) ? i : default;
        string? productKey = identity.GetString("productKey"), deviceName = identity.GetString("deviceName");
        if (productKey == null || deviceName == null)
            return new AlinkError(AlinkCodes.RequestParameterError, path + ".identity must hold productKey and deviceName");
        if (productKey != pk || deviceName != dn)
        {
            // Another device: unknown (6100), or one this device has no topological relation with (6401), as the platform answers a
            // gateway about a device that is not its sub-device.
            return _store.GetDevice(productKey, deviceName) == null
                ? new AlinkError(AlinkCodes.DeviceNotFound, "device " + productKey + "/" + deviceName + " not found")
                : new AlinkError(AlinkCodes.TopoRelationNotExist, productKey + "/" + deviceName + " is not this device (sub-devices are not modelled)");
        }
        return ReadGroups(item, "properties", path, data.AddProperty, countProperties: true) ?? ReadGroups(item, "events", path, data.AddEvent, countProperties: false);
    }

    // The properties or events of a history item: an array of objects of identifier → entry.
    static AlinkError? ReadGroups(JsonElement item, string member, string path, Func<string, JsonElement, AlinkError?> add, bool countProperties)
    {
        path += "." + member;
        if (OptionalMember(item, member, path, JsonValueKind.Array, out JsonElement groups) is AlinkError bad) return bad;
        if (groups.ValueKind != JsonValueKind.Array) return null;
        int index = 0;
        foreach (JsonElement group in groups.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Object) return new AlinkError(AlinkCodes.ParamsFormatError, path + "[" + index + "] must be a JSON object");
            index++;
            int count = 0;
            foreach (JsonProperty entry in group.EnumerateObject())
            {
                if (add(entry.Name, entry.Value) is AlinkError error) return error;
                count++;
            }
            if (countProperties && TslValidator.CheckPropertyCount(count) is AlinkError tooMany) return tooMany;
        }
        return null;
    }

    // An optional member that must be of one kind when present; Undefined when absent.
    static AlinkError? OptionalMember(JsonElement holder, string name, string path, JsonValueKind kind, out JsonElement value)
    {
        if (!holder.TryGetProperty(name, out value)) return null;
        return value.ValueKind == kind ? null
            : new AlinkError(AlinkCodes.ParamsFormatError, path + " must be a JSON " + (kind == JsonValueKind.Object ? "object" : "array"));
    }

    async Task StoreTimedDataAsync(string pk, string dn, string topic, JsonElement? id, bool ack, string method, TimedData data, AlinkError? error)
    {
        if (error == null)
            error = await StoreAsync(() => _store.SaveTimedDataAsync(pk, dn, data.Properties, data.Events)).ConfigureAwait(false);
        else
            _log.LogInformation("{Pk}/{Dn}: {Method} refused {Code} {Message}", pk, dn, method, error.Code, error.Message);
        await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
    }

    /// <summary>The values and events of one batch or history post, each checked as it is added; stored together once all pass.</summary>
    sealed class TimedData(Product? product, long nowMs)
    {
        public Product? Product => product;
        public List<PropertyValue> Properties { get; } = [];
        public List<EventRecord> Events { get; } = [];

        /// <summary>Checks as a property post does: the time, then identifier and value.</summary>
        public AlinkError? AddProperty(string identifier, JsonElement entry)
        {
            if (!TslValidator.TryReadEntry(entry, out JsonElement value, out long? time))
                return new AlinkError(AlinkCodes.ParamsValueEmpty, identifier + " has an entry without value");
            AlinkError? error = TslValidator.CheckTime(time, nowMs, "time of ", identifier) ?? TslValidator.CheckProperty(product?.Tsl, identifier, value);
            if (error == null) Properties.Add(new PropertyValue(identifier, value.GetRawText(), time ?? nowMs));
            return error;
        }

        /// <summary>Checks as an event post does: the event, its output, then the time.</summary>
        public AlinkError? AddEvent(string eventId, JsonElement entry)
        {
            if (!TslValidator.TryReadEntry(entry, out JsonElement value, out long? time))
                return new AlinkError(AlinkCodes.ParamsValueEmpty, "event " + eventId + " has an entry without value");
            AlinkError? error = TslValidator.FindEvent(product?.Tsl, eventId, out TslEvent? declared) ??
                                TslValidator.CheckParams(declared?.Output, value, "event output") ?? TslValidator.CheckTime(time, nowMs, "event time");
            if (error == null) Events.Add(new EventRecord(0, eventId, declared?.Type ?? "info", value.GetRawText(), time ?? nowMs));
            return error;
        }
    }
}
