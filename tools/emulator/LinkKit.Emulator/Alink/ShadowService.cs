using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Alink;

/// <summary>
/// Device shadows (docs/protocol.md, Shadow documents and versions): versioned documents with reported and desired state and per-key
/// metadata timestamps. Devices update/get/delete on <c>/shadow/update/{pk}/{dn}</c> and are answered on
/// <c>/shadow/get/{pk}/{dn}</c>; a cloud update of the desired state is pushed there as <c>"method":"control"</c>.
/// </summary>
public sealed class ShadowService(EmulatorStore store, IDownlink downlink, Func<long> clock)
{
    /// <summary>Most reported attributes a shadow may hold (error 408).</summary>
    public const int MaxReportedAttributes = 128;

    public static string GetTopic(string productKey, string deviceName) => $"/shadow/get/{productKey}/{deviceName}";

    /// <summary>Handles a device's shadow message and publishes the reply.</summary>
    public async Task HandleDeviceAsync(string productKey, string deviceName, byte[] payload)
    {
        byte[] reply = await DeviceRequestAsync(productKey, deviceName, payload).ConfigureAwait(false);
        await downlink.PublishAsync(GetTopic(productKey, deviceName), reply).ConfigureAwait(false);
    }

    /// <summary>Applies a device's shadow message and returns the reply payload.</summary>
    public async Task<byte[]> DeviceRequestAsync(string productKey, string deviceName, byte[] payload)
    {
        long now = Seconds();
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request == null) return Error(400, "不正确的JSON格式", now);
        if (request["method"] is not JsonValue methodValue || !methodValue.TryGetValue(out string? method))
            return Error(401, "影子数据缺少method信息", now);
        switch (method)
        {
            case "get":
            {
                ShadowRecord? current = store.GetShadow(productKey, deviceName);
                return GetReply(Document(current), current?.Version ?? 0, now);
            }
            case "update":
            case "delete":
            {
                if (request["state"] is not JsonObject state) return Error(402, "影子数据缺少state字段", now);
                if (request["version"] is not JsonValue versionValue || !TryGetLong(versionValue, out long version))
                    return Error(403, "影子数据中version值不是数字", now);
                bool delete = method == "delete";
                return await store.UpdateShadowAsync(productKey, deviceName, current =>
                {
                    if (version == -1)      // -1 empties the shadow and resets its version (docs/protocol.md, Shadow documents and versions)
                        return (new ShadowRecord(0, EmptyDocument().ToJsonString(ControlApi.ApiResponse.JsonOptions), now * 1000), Success(0, now));
                    long currentVersion = current?.Version ?? 0;
                    if (version <= currentVersion) return (null, Error(409, "影子版本冲突", now));
                    JsonObject doc = Document(current);
                    int? error = delete ? ApplyDelete(doc, state) : ApplyDeviceUpdate(doc, state, now);
                    if (error is int code) return (null, Error(code, ErrorText(code), now));
                    return (new ShadowRecord(version, doc.ToJsonString(ControlApi.ApiResponse.JsonOptions), now * 1000), Success(version, now));
                }).ConfigureAwait(false);
            }
            default:
                return Error(406, "影子数据中method是无效的方法", now);
        }
    }

    /// <summary>
    /// The cloud's UpdateDeviceShadow: <c>{"method":"update","state":{"desired":{…}},"version":N}</c>. The version must be
    /// greater than the current one (0 or absent: next version). Pushes <c>control</c> to the device.
    /// Returns the new version, or an error text.
    /// </summary>
    public async Task<(long Version, string? Error)> CloudUpdateAsync(string productKey, string deviceName, string shadowMessage)
    {
        long now = Seconds();
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(shadowMessage) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request == null) return (0, "ShadowMessage is not a JSON object");
        if (request["state"] is not JsonObject state || state["desired"] is not JsonNode desired)
            return (0, "ShadowMessage needs state.desired");
        long requested = 0;
        if (request["version"] is JsonValue v && !TryGetLong(v, out requested)) return (0, "version is not a number");
        (long version, string? error, JsonObject? pushedDesired, JsonObject? pushedMeta) = await store.UpdateShadowAsync(productKey, deviceName, current =>
        {
            long currentVersion = current?.Version ?? 0;
            long next = requested == 0 ? currentVersion + 1 : requested;
            if (next <= currentVersion)
                return (null, (currentVersion, (string?)"version must be greater than " + currentVersion, (JsonObject?)null, (JsonObject?)null));
            JsonObject doc = Document(current);
            Merge(Section(doc, "state", "desired"), Section(doc, "metadata", "desired"), desired, now);
            var record = new ShadowRecord(next, doc.ToJsonString(ControlApi.ApiResponse.JsonOptions), now * 1000);
            return (record, (next, (string?)null, (JsonObject?)Section(doc, "state", "desired").DeepClone(),
                (JsonObject?)Section(doc, "metadata", "desired").DeepClone()));
        }).ConfigureAwait(false);
        if (error != null) return (version, error);

        byte[] control = AlinkJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("method", "control");
            w.WriteStartObject("payload");
            w.WriteString("status", "success");
            w.WriteStartObject("state");
            w.WritePropertyName("desired");
            pushedDesired!.WriteTo(w);
            w.WriteEndObject();
            w.WriteStartObject("metadata");
            w.WritePropertyName("desired");
            pushedMeta!.WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteNumber("version", version);
            w.WriteNumber("timestamp", now);
            w.WriteEndObject();
        });
        await downlink.PublishAsync(GetTopic(productKey, deviceName), control).ConfigureAwait(false);
        return (version, null);
    }

    /// <summary>The cloud's GetDeviceShadow: <c>{"state":{…},"metadata":{…},"timestamp":T,"version":N}</c>.</summary>
    public string GetShadowMessage(string productKey, string deviceName)
    {
        ShadowRecord? current = store.GetShadow(productKey, deviceName);
        JsonObject doc = Document(current);
        var message = new JsonObject
        {
            ["state"] = Trimmed(doc, "state"),
            ["metadata"] = Trimmed(doc, "metadata"),
            ["timestamp"] = current == null ? 0 : current.UpdatedMs / 1000,
            ["version"] = current?.Version ?? 0,
        };
        return message.ToJsonString(ControlApi.ApiResponse.JsonOptions);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static int? ApplyDeviceUpdate(JsonObject doc, JsonObject state, long now)
    {
        JsonNode? reported = state["reported"];
        JsonNode? desired = state["desired"];
        if (reported == null && desired == null) return 404;
        if (reported != null)
        {
            if (reported is not JsonObject && !IsNullText(reported)) return 405;
            Merge(Section(doc, "state", "reported"), Section(doc, "metadata", "reported"), reported, now);
            if (Section(doc, "state", "reported").Count > MaxReportedAttributes) return 408;
        }
        if (desired != null) Merge(Section(doc, "state", "desired"), Section(doc, "metadata", "desired"), desired, now);
        return null;
    }

    static int? ApplyDelete(JsonObject doc, JsonObject state)
    {
        foreach (string section in new[] { "reported", "desired" })
        {
            JsonNode? node = state[section];
            if (node == null) continue;
            if (IsNullText(node))
            {
                Section(doc, "state", section).Clear();
                Section(doc, "metadata", section).Clear();
            }
            else if (node is JsonObject keys)
            {
                foreach (KeyValuePair<string, JsonNode?> key in keys)
                {
                    Section(doc, "state", section).Remove(key.Key);
                    Section(doc, "metadata", section).Remove(key.Key);
                }
            }
            else return 405;
        }
        return null;
    }

    // "null" (the platform's text) clears the whole section; a key whose value is "null" or null is removed.
    static void Merge(JsonObject target, JsonObject metadata, JsonNode source, long now)
    {
        if (IsNullText(source))
        {
            target.Clear();
            metadata.Clear();
            return;
        }
        if (source is not JsonObject values) return;
        foreach (KeyValuePair<string, JsonNode?> pair in values)
        {
            if (pair.Value == null || IsNullText(pair.Value))
            {
                target.Remove(pair.Key);
                metadata.Remove(pair.Key);
                continue;
            }
            target[pair.Key] = pair.Value.DeepClone();
            metadata[pair.Key] = new JsonObject { ["timestamp"] = now };
        }
    }

    static bool IsNullText(JsonNode node) => node is JsonValue v && v.TryGetValue(out string? s) && s == "null";

    static bool TryGetLong(JsonValue value, out long result)
    {
        if (value.TryGetValue(out long l)) { result = l; return true; }
        if (value.TryGetValue(out double d) && d == Math.Floor(d)) { result = (long)d; return true; }
        result = 0;
        return false;
    }

    static JsonObject EmptyDocument() => new()
    {
        ["state"] = new JsonObject { ["reported"] = new JsonObject(), ["desired"] = new JsonObject() },
        ["metadata"] = new JsonObject { ["reported"] = new JsonObject(), ["desired"] = new JsonObject() },
    };

    static JsonObject Document(ShadowRecord? record) =>
        record == null ? EmptyDocument() : JsonNode.Parse(record.DocumentJson) as JsonObject ?? EmptyDocument();

    static JsonObject Section(JsonObject doc, string part, string section)
    {
        if (doc[part] is not JsonObject p) doc[part] = p = new JsonObject();
        if (p[section] is not JsonObject s) p[section] = s = new JsonObject();
        return s;
    }

    // The state or metadata part without empty sections ({"reported":{…}} when nothing is desired).
    static JsonObject Trimmed(JsonObject doc, string part)
    {
        var result = new JsonObject();
        foreach (string section in new[] { "reported", "desired" })
        {
            JsonObject s = Section(doc, part, section);
            if (s.Count > 0) result[section] = s.DeepClone();
        }
        return result;
    }

    byte[] GetReply(JsonObject doc, long version, long now) => AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", "reply");
        w.WriteStartObject("payload");
        w.WriteString("status", "success");
        w.WritePropertyName("state");
        Trimmed(doc, "state").WriteTo(w);
        w.WritePropertyName("metadata");
        Trimmed(doc, "metadata").WriteTo(w);
        w.WriteEndObject();
        w.WriteNumber("version", version);
        w.WriteNumber("timestamp", now);
        w.WriteEndObject();
    });

    // Update/delete accepted: the version inside payload, as the wire capture shows.
    static byte[] Success(long version, long now) => AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", "reply");
        w.WriteStartObject("payload");
        w.WriteString("status", "success");
        w.WriteNumber("version", version);
        w.WriteEndObject();
        w.WriteNumber("timestamp", now);
        w.WriteEndObject();
    });

    // Refusals carry a string errorcode and no "state" key (Link SDK C 4.x would take them for a get reply).
    static byte[] Error(int code, string message, long now) => AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", "reply");
        w.WriteStartObject("payload");
        w.WriteString("status", "error");
        w.WriteStartObject("content");
        w.WriteString("errorcode", code.ToString());
        w.WriteString("errormessage", message);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteNumber("timestamp", now);
        w.WriteEndObject();
    });

    static string ErrorText(int code) => code switch
    {
        404 => "影子数据缺少reported字段",
        405 => "影子数据中reported属性字段为空",
        408 => "影子数据中reported属性个数超过128个",
        _ => "服务端处理异常",
    };

    long Seconds() => clock() / 1000;
}
