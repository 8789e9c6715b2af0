using System.Security.Cryptography;
using System.Text.Json;
using LinkKit.Emulator.Auth;
using LinkKit.Emulator.Broker;
using LinkKit.Emulator.Ota;
using LinkKit.Emulator.Registry;
using LinkKit.Emulator.RemoteConfig;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Alink;

/// <summary>
/// The platform's side of the Alink protocol: registration pushes, online state, and every device uplink (property/event
/// posts, batch and history posts, desired properties, tags, raw data, shadow, NTP, OTA reports and queries, remote configuration
/// queries, device logs and their switch, replies to cloud calls). Bad
/// input is answered with the platform's code or dropped, never thrown out of here, so one device cannot stop the others being served.
/// </summary>
public sealed partial class AlinkCloud : IBrokerHandler
{
    readonly EmulatorStore _store;
    readonly IDownlink _downlink;
    readonly ILogger _log;
    readonly Func<long> _clock;

    public AlinkCloud(EmulatorStore store, IDownlink downlink, OtaService ota, RemoteConfigService remoteConfig, ILogger log, Func<long>? clock = null)
    {
        _store = store;
        _downlink = downlink;
        _log = log;
        _clock = clock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Shadows = new ShadowService(store, downlink, _clock);
        Ota = ota;
        RemoteConfig = remoteConfig;
    }

    public ShadowService Shadows { get; }

    public OtaService Ota { get; }

    public RemoteConfigService RemoteConfig { get; }

    public PendingReplies Pending { get; } = new();

    long Now => _clock();

    // ------------------------------------------------------------------------------------------ connections

    public async Task OnConnectedAsync(DeviceSession session)
    {
        string pk = session.ProductKey, dn = session.DeviceName;
        switch (session.Kind)
        {
            case LoginKind.Register:
            {
                Device device = _store.GetDevice(pk, dn)!;
                byte[] push = AlinkJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("productKey", pk);
                    w.WriteString("deviceName", dn);
                    w.WriteString("deviceSecret", device.DeviceSecret);
                    w.WriteEndObject();
                });
                await _downlink.PublishToClientAsync(session.ClientId, "/ext/register", push).ConfigureAwait(false);
                _log.LogInformation("{Device}: device secret pushed on /ext/register", session.DeviceKey);
                break;
            }
            case LoginKind.RegisterNoWhitelist:
            {
                if (_store.GetDevice(pk, dn) == null) await _store.RegisterDeviceAsync(NewDevice(pk, dn, null, Now)).ConfigureAwait(false);
                string token = RandomText(32);
                string clientId = pk + "." + dn;
                await _store.SetDeviceTokenAsync(pk, dn, token, clientId).ConfigureAwait(false);
                byte[] push = AlinkJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("productKey", pk);
                    w.WriteString("deviceName", dn);
                    w.WriteString("clientId", clientId);
                    w.WriteString("deviceToken", token);
                    w.WriteEndObject();
                });
                await _downlink.PublishToClientAsync(session.ClientId, "/ext/regnwl", push).ConfigureAwait(false);
                _log.LogInformation("{Device}: token pushed on /ext/regnwl", session.DeviceKey);
                break;
            }
            default:
                await _store.SetOnlineAsync(pk, dn, Now).ConfigureAwait(false);
                // Without a server-side subscription the device cannot receive a push yet; it asks with firmware/get.
                if (session.Credentials.ServerSideSubscription) await Ota.OnLoginAsync(pk, dn).ConfigureAwait(false);
                break;
        }
    }

    public Task OnDisconnectedAsync(DeviceSession session) => _store.SetOfflineAsync(session.ProductKey, session.DeviceName);

    /// <summary>A new device record: a random secret unless one is given, status UNACTIVE.</summary>
    public static Device NewDevice(string productKey, string deviceName, string? secret, long nowMs) => new(
        productKey, deviceName, secret ?? RandomText(32), RandomText(20), DeviceStatus.Unactive, null, null, null, null, nowMs);

    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string RandomText(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    // ------------------------------------------------------------------------------------------ uplinks

    public async Task OnUplinkAsync(DeviceSession session, string topic, byte[] payload)
    {
        string pk = session.ProductKey, dn = session.DeviceName;
        if (topic.StartsWith(session.SysPrefix, StringComparison.Ordinal))
        {
            await OnSystemUplinkAsync(session, topic, topic[session.SysPrefix.Length..], payload).ConfigureAwait(false);
        }
        else if (topic == $"/shadow/update/{pk}/{dn}")
        {
            await Shadows.HandleDeviceAsync(pk, dn, payload).ConfigureAwait(false);
        }
        else if (topic.StartsWith("/ext/rrpc/", StringComparison.Ordinal))
        {
            await OnRrpcReplyAsync(session, topic, payload).ConfigureAwait(false);
        }
        else if (topic == $"/ext/ntp/{pk}/{dn}/request")
        {
            await OnNtpAsync(session, payload).ConfigureAwait(false);
        }
        else if (topic == $"/ota/device/inform/{pk}/{dn}")
        {
            // OTA reports are kept as received too: QueryDeviceUplinks shows exactly what the device sent.
            await _store.SaveUplinkAsync(pk, dn, topic, payload, Now).ConfigureAwait(false);
            await Ota.OnVersionReportAsync(pk, dn, payload).ConfigureAwait(false);
        }
        else if (topic == $"/ota/device/progress/{pk}/{dn}")
        {
            await _store.SaveUplinkAsync(pk, dn, topic, payload, Now).ConfigureAwait(false);
            await Ota.OnProgressAsync(pk, dn, payload).ConfigureAwait(false);
        }
        else if (topic.StartsWith(session.CustomPrefix, StringComparison.Ordinal) || topic.StartsWith($"/ext/session/{pk}/{dn}/", StringComparison.Ordinal))
        {
            // Custom topics and gateway session topics are kept as received (no cloud logic behind them).
            await _store.SaveUplinkAsync(pk, dn, topic, payload, Now).ConfigureAwait(false);
        }
        else
        {
            _log.LogWarning("{Device}: dropped publish to {Topic} (not one of its topics)", session.DeviceKey, topic);
        }
    }

    async Task OnSystemUplinkAsync(DeviceSession session, string topic, string rest, byte[] payload)
    {
        string pk = session.ProductKey, dn = session.DeviceName;
        if (rest == "thing/event/property/post")
        {
            await OnPropertyPostAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/event/property/batch/post")
        {
            await OnBatchPostAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/event/property/history/post")
        {
            await OnHistoryPostAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest.StartsWith("thing/event/", StringComparison.Ordinal) && rest.EndsWith("/post", StringComparison.Ordinal) &&
                 rest.AsSpan().Count('/') == 3)
        {
            await OnEventPostAsync(pk, dn, topic, rest["thing/event/".Length..^"/post".Length], payload).ConfigureAwait(false);
        }
        else if (rest.StartsWith("thing/service/", StringComparison.Ordinal) && rest.EndsWith("_reply", StringComparison.Ordinal))
        {
            string identifier = rest["thing/service/".Length..^"_reply".Length];
            await OnServiceReplyAsync(pk, dn, identifier == "property/set" ? "set" : identifier, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/bootstrap/notify_reply")
        {
            await OnServiceReplyAsync(pk, dn, BootstrapNotifyIdentifier, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/model/up_raw")
        {
            await OnRawUpAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/property/desired/get")
        {
            await OnDesiredGetAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/property/desired/delete")
        {
            await OnDesiredDeleteAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/deviceinfo/update" || rest == "thing/deviceinfo/delete")
        {
            await OnTagsAsync(pk, dn, topic, rest.EndsWith("update", StringComparison.Ordinal), payload).ConfigureAwait(false);
        }
        else if (rest == "thing/ota/firmware/get")
        {
            await OnFirmwareGetAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/log/post")
        {
            await OnLogPostAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/config/log/get")
        {
            await OnLogConfigGetAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/config/get")
        {
            await OnConfigGetAsync(pk, topic, payload).ConfigureAwait(false);
        }
        else if (rest == "thing/config/push_reply")
        {
            await OnConfigPushReplyAsync(pk, dn, payload).ConfigureAwait(false);
        }
        else if (rest.StartsWith("rrpc/response/", StringComparison.Ordinal))
        {
            string messageId = rest["rrpc/response/".Length..];
            if (!Pending.Complete(pk, dn, messageId, payload))
                _log.LogInformation("{Device}: RRPC response {Id} came late or unasked", session.DeviceKey, messageId);
        }
        else
        {
            await OnUnservedSystemTopicAsync(pk, dn, topic, payload).ConfigureAwait(false);
        }
    }

    // Replies to downlinks the emulator does not model are kept; requests are answered with 6203 when they carry an id.
    async Task OnUnservedSystemTopicAsync(string pk, string dn, string topic, byte[] payload)
    {
        await _store.SaveUplinkAsync(pk, dn, topic, payload, Now).ConfigureAwait(false);
        if (topic.EndsWith("_reply", StringComparison.Ordinal)) return;
        using JsonDocument? doc = AlinkJson.TryParseObject(payload);
        if (doc == null || !doc.RootElement.TryGetProperty("id", out JsonElement id)) return;
        string? method = doc.RootElement.GetString("method");
        await PublishAsync(topic + "_reply", AlinkJson.Reply(id, AlinkCodes.TopicNotExist, "topic not served by the emulator", method)).ConfigureAwait(false);
    }

    Task PublishAsync(string topic, byte[] payload) => _downlink.PublishAsync(topic, payload);

    // ------------------------------------------------------------------------------------------ Alink requests

    /// <summary>
    /// The envelope checks every Alink request gets (docs/protocol.md, Envelope checks): JSON object (6207), method (6300),
    /// and <c>sys.ack:0</c>. Returns null after answering a refusal itself. With <paramref name="methodOptional"/> a request
    /// without <c>method</c> passes (the SDKs send OTA queries without one).
    /// </summary>
    async Task<(JsonDocument Doc, JsonElement? Id, bool Ack)?> OpenRequestAsync(string topic, byte[] payload, string expectedMethod, bool methodOptional = false)
    {
        JsonDocument? doc = AlinkJson.TryParseObject(payload);
        if (doc == null)
        {
            _log.LogWarning("{Topic}: payload is not a JSON object", topic);
            await PublishAsync(topic + "_reply", AlinkJson.Reply(null, AlinkCodes.DataFormatError, "device data format is error", expectedMethod)).ConfigureAwait(false);
            return null;
        }
        JsonElement root = doc.RootElement;
        JsonElement? id = root.TryGetProperty("id", out JsonElement i) ? i : null;
        bool ack = !(root.TryGetProperty("sys", out JsonElement sys) && sys.ValueKind == JsonValueKind.Object &&
                     sys.TryGetProperty("ack", out JsonElement a) && a.ValueKind == JsonValueKind.Number && a.GetRawText() == "0");
        AlinkError? error = null;
        string? method = root.GetString("method");
        if (AlinkJson.IdText(id) == null) error = new AlinkError(AlinkCodes.RequestParameterError, "id missing");
        else if (method == null && !methodOptional) error = new AlinkError(AlinkCodes.MethodNotExist, "method not exist");
        else if (method != null && method != expectedMethod) error = new AlinkError(AlinkCodes.MethodNotExist, "method " + method + " does not match the topic");
        if (error != null)
        {
            if (ack) await PublishAsync(topic + "_reply", AlinkJson.Reply(id, error.Code, error.Message, expectedMethod)).ConfigureAwait(false);
            doc.Dispose();
            return null;
        }
        return (doc, id, ack);
    }

    async Task AnswerAsync(string topic, JsonElement? id, bool ack, AlinkError? error, string method, string dataJson = "{}")
    {
        if (!ack) return;
        byte[] reply = error == null
            ? AlinkJson.Reply(id, AlinkCodes.Success, "success", method, dataJson)
            : AlinkJson.Reply(id, error.Code, error.Message, method);
        await PublishAsync(topic + "_reply", reply).ConfigureAwait(false);
    }

    async Task OnPropertyPostAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.event.property.post";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            Product? product = _store.GetProduct(pk);
            var values = new List<PropertyValue>();
            AlinkError? error = product == null ? new AlinkError(AlinkCodes.ProductNotFound, "product not found")
                : doc.RootElement.TryGetProperty("params", out JsonElement parameters)
                    ? TslValidator.CheckPropertyPost(product.Tsl, parameters, Now, values)
                    : new AlinkError(AlinkCodes.ParamsFormatError, "params missing");
            if (error == null)
            {
                error = await StoreAsync(() => _store.SavePropertiesAsync(pk, dn, values)).ConfigureAwait(false);
            }
            else
            {
                _log.LogInformation("{Pk}/{Dn}: property post refused {Code} {Message}", pk, dn, error.Code, error.Message);
            }
            await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
        }
    }

    async Task OnEventPostAsync(string pk, string dn, string topic, string eventId, byte[] payload)
    {
        string method = "thing.event." + eventId + ".post";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            long now = Now;
            Product? product = _store.GetProduct(pk);
            TslEvent? tslEvent = null;
            AlinkError? error = null;
            JsonElement value = default;
            long? time = null;
            if (product == null) error = new AlinkError(AlinkCodes.ProductNotFound, "product not found");
            else if (TslValidator.FindEvent(product.Tsl, eventId, out tslEvent) is AlinkError unknown) error = unknown;
            else if (!doc.RootElement.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Object)
                error = new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON object");
            else if (!TslValidator.TryReadEntry(parameters, out value, out time))
                error = new AlinkError(AlinkCodes.ParamsValueEmpty, "params.value missing");
            else
                error = TslValidator.CheckParams(tslEvent?.Output, value, "event output") ?? TslValidator.CheckTime(time, now, "event time");
            if (error == null)
            {
                string output = value.GetRawText();
                error = await StoreAsync(() => _store.SaveEventAsync(pk, dn, eventId, tslEvent?.Type ?? "info", output, time ?? now)).ConfigureAwait(false);
            }
            await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
        }
    }

    async Task OnTagsAsync(string pk, string dn, string topic, bool update, byte[] payload)
    {
        string method = update ? "thing.deviceinfo.update" : "thing.deviceinfo.delete";
        if (await OpenRequestAsync(topic, payload, method).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            AlinkError? error = null;
            var tags = new List<KeyValuePair<string, string>>();
            if (!doc.RootElement.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Array ||
                parameters.GetArrayLength() == 0)
            {
                error = new AlinkError(AlinkCodes.RequestParameterError, "params must be a non-empty array");
            }
            else
            {
                foreach (JsonElement item in parameters.EnumerateArray())
                {
                    string? key = item.GetString("attrKey");
                    string? value = item.GetString("attrValue");
                    if (string.IsNullOrEmpty(key) || (update && value == null))
                    {
                        error = new AlinkError(AlinkCodes.RequestParameterError, update ? "each item needs attrKey and attrValue strings" : "each item needs an attrKey string");
                        break;
                    }
                    tags.Add(new KeyValuePair<string, string>(key, value ?? ""));
                }
            }
            if (error == null)
                error = await StoreAsync(() => update ? _store.UpsertTagsAsync(pk, dn, tags) : _store.DeleteTagsAsync(pk, dn, tags.Select(t => t.Key).ToList()))
                    .ConfigureAwait(false);
            await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
        }
    }

    // thing/ota/firmware/get {"id":…,"params":{"module":"x"}} → the pending upgrade's data, or {} (docs/protocol.md, OTA).
    async Task OnFirmwareGetAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.ota.firmware.get";
        if (await OpenRequestAsync(topic, payload, method, methodOptional: true).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            string? module = doc.RootElement.TryGetProperty("params", out JsonElement parameters) ? parameters.GetString("module") : null;
            string data = await Ota.PendingUpgradeDataAsync(pk, dn, module).ConfigureAwait(false);
            await AnswerAsync(topic, id, ack, null, method, data).ConfigureAwait(false);
        }
    }

    // thing/config/get {"id":…,"params":{"configScope":"product","getType":"file"}} → the product's current configuration file,
    // or {} without one (docs/protocol.md, Remote configuration). Documentation samples send it with and without method.
    async Task OnConfigGetAsync(string pk, string topic, byte[] payload)
    {
        const string method = "thing.config.get";
        if (await OpenRequestAsync(topic, payload, method, methodOptional: true).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            (string data, AlinkError? error) = RemoteConfig.Get(pk, doc.RootElement.TryGetProperty("params", out JsonElement parameters) ? parameters : default);
            await AnswerAsync(topic, id, ack, error, method, data).ConfigureAwait(false);
        }
    }

    async Task OnRawUpAsync(string pk, string dn, string topic, byte[] payload)
    {
        await _store.SaveUplinkAsync(pk, dn, topic, payload, Now).ConfigureAwait(false);
        string? reply = _store.GetProduct(pk)?.RawReplyHex;
        if (string.IsNullOrEmpty(reply)) return;
        byte[] bytes = reply == "echo" ? payload : Convert.FromHexString(reply);
        await PublishAsync(topic + "_reply", bytes).ConfigureAwait(false);
    }

    async Task OnNtpAsync(DeviceSession session, byte[] payload)
    {
        string pk = session.ProductKey, dn = session.DeviceName;
        long received = Now;
        using JsonDocument? doc = AlinkJson.TryParseObject(payload);
        if (doc == null || !doc.RootElement.TryGetProperty("deviceSendTime", out JsonElement sent)) return;
        var exchange = new NtpExchange(sent.GetRawText(), received, Now);
        _lastNtp[session.DeviceKey] = exchange;      // before the answer leaves: whoever saw the answer finds it
        byte[] reply = AlinkJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("deviceSendTime");
            sent.WriteTo(w);
            w.WriteString("serverRecvTime", exchange.ServerRecvTime.ToString());
            w.WriteString("serverSendTime", exchange.ServerSendTime.ToString());
            w.WriteEndObject();
        });
        await PublishAsync($"/ext/ntp/{pk}/{dn}/response", reply).ConfigureAwait(false);
    }

    // Each device's last NTP request and answer, in memory only (a view for tests and debugging, not data the platform keeps).
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, NtpExchange> _lastNtp = new(StringComparer.Ordinal);

    /// <summary>The device's last NTP request since the emulator started, and the server times it was answered with; null if none.</summary>
    public NtpExchange? LastNtp(string productKey, string deviceName) => _lastNtp.TryGetValue(productKey + "/" + deviceName, out NtpExchange? e) ? e : null;

    // ------------------------------------------------------------------------------------------ replies to cloud calls

    // A device's answer to a cloud request, {"id":"…","code":200,"data":{…}}; null when it is not one (no JSON object, no id).
    static (string Id, int Code, string DataJson)? ReadDeviceReply(byte[] payload)
    {
        using JsonDocument? doc = AlinkJson.TryParseObject(payload);
        if (doc == null || AlinkJson.IdText(doc.RootElement.TryGetProperty("id", out JsonElement i) ? i : null) is not string id) return null;
        return (id, ReplyCode(doc.RootElement), ReplyData(doc.RootElement));
    }

    // A device reply's code: an integer, else 0 (a string "200" too: the devices' code is a number). Never throws.
    static int ReplyCode(JsonElement reply) =>
        reply.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int n) ? n : 0;

    static string ReplyData(JsonElement reply) => reply.TryGetProperty("data", out JsonElement d) ? d.GetRawText() : "{}";

    async Task OnServiceReplyAsync(string pk, string dn, string identifier, byte[] payload)
    {
        if (ReadDeviceReply(payload) is not { } reply)
        {
            _log.LogWarning("{Pk}/{Dn}: {Identifier} reply dropped: not an Alink reply", pk, dn, identifier);
            return;
        }
        (string id, int code, string data) = reply;
        if (!await _store.SaveServiceReplyAsync(pk, dn, id, code, data, Now).ConfigureAwait(false))
            _log.LogInformation("{Pk}/{Dn}: reply {Id} to {Identifier} matches no waiting call", pk, dn, id, identifier);
        LogDeviceCode(pk, dn, code);
    }

    async Task OnConfigPushReplyAsync(string pk, string dn, byte[] payload)
    {
        if (ReadDeviceReply(payload) is not { } reply)
        {
            _log.LogWarning("{Pk}/{Dn}: config push_reply dropped: not an Alink reply", pk, dn);
            return;
        }
        (string id, int code, string data) = reply;
        if (!await RemoteConfig.RecordPushReplyAsync(pk, dn, id, code, data).ConfigureAwait(false))
            _log.LogInformation("{Pk}/{Dn}: config push_reply {Id} matches no push waiting for one", pk, dn, id);
        LogDeviceCode(pk, dn, code);
    }

    Task OnRrpcReplyAsync(DeviceSession session, string topic, byte[] payload)
    {
        // /ext/rrpc/{messageId}/sys/{pk}/{dn}/thing/service/{id} (sync service) or /ext/rrpc/{messageId}/{pk}/{dn}/… (custom RRPC)
        string rest = topic["/ext/rrpc/".Length..];
        int slash = rest.IndexOf('/');
        string pk = session.ProductKey, dn = session.DeviceName;
        if (slash <= 0 || !(rest[slash..].StartsWith($"/sys/{pk}/{dn}/", StringComparison.Ordinal) ||
                            rest[slash..].StartsWith($"/{pk}/{dn}/", StringComparison.Ordinal)))
        {
            _log.LogWarning("{Device}: dropped RRPC publish to {Topic}", session.DeviceKey, topic);
            return Task.CompletedTask;
        }
        string messageId = rest[..slash];
        if (!Pending.Complete(pk, dn, messageId, payload))
            _log.LogInformation("{Device}: RRPC reply {Id} came late or unasked", session.DeviceKey, messageId);
        return Task.CompletedTask;
    }

    // Device reply codes: 200, 400, 429, 460 and 100000–110000 are defined (docs/protocol.md, Reply codes); anything else is only logged.
    void LogDeviceCode(string pk, string dn, int code)
    {
        if (code is 200 or 400 or 429 or 460 or >= 100000 and <= 110000) return;
        _log.LogInformation("{Pk}/{Dn}: device replied with undefined code {Code}", pk, dn, code);
    }

    async Task<AlinkError?> StoreAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "store write failed");
            return new AlinkError(AlinkCodes.ServerError, "unknown platform error");
        }
    }
}
