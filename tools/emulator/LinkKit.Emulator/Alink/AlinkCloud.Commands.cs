using System.Text.Json;
using System.Text.RegularExpressions;
using LinkKit.Emulator.Broker;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Alink;

/// <summary>A refused cloud API call: an error code in the platform's style (<c>iot.device.NotExistedDevice</c>) and a message.</summary>
public sealed class CloudApiException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Result of InvokeThingService: always a message id; for sync calls the device's code and data.</summary>
public sealed record ServiceInvocation(string MessageId, bool Sync, int? Code, string? DataJson);

/// <summary>One NTP exchange: the device's <c>deviceSendTime</c> as it sent it (JSON) and the server times (ms) it was answered with.</summary>
public sealed record NtpExchange(string DeviceSendTimeJson, long ServerRecvTime, long ServerSendTime);

/// <summary>Result of an RRPC call: <c>SUCCESS</c>, <c>TIMEOUT</c> or <c>OFFLINE</c> (docs/protocol.md, RRPC results) and the device's payload.</summary>
public sealed record RrpcResult(string RrpcCode, string MessageId, byte[]? Payload);

// Cloud → device calls behind the control API (named after the platform's cloud API).
public sealed partial class AlinkCloud
{
    static readonly Regex DeviceNamePattern = new("^[A-Za-z0-9_.@:-]{4,32}$", RegexOptions.Compiled);
    static readonly Regex ProductKeyPattern = new("^[A-Za-z0-9_-]{1,32}$", RegexOptions.Compiled);

    public async Task<Product> CreateProductAsync(string? productKey, string productName, string? productSecret, string? tslJson,
        bool dynamicRegistration, string? rawReplyHex)
    {
        productKey ??= "a1" + RandomText(9);
        if (!ProductKeyPattern.IsMatch(productKey)) throw Invalid("ProductKey may hold 1–32 letters, digits, '-' or '_'");
        if (_store.GetProduct(productKey) != null) throw new CloudApiException("iot.prod.AlreadyExistedProduct", "product " + productKey + " exists");
        CheckRawReply(rawReplyHex);
        var product = new Product(productKey, productName, productSecret ?? RandomText(16), NullIfEmpty(tslJson), dynamicRegistration,
            NullIfEmpty(rawReplyHex), Now);
        try
        {
            return await _store.CreateProductAsync(product).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw Invalid(ex.Message);
        }
    }

    public async Task<Product> UpdateProductAsync(string productKey, string? productName, string? tslJson, bool? dynamicRegistration, string? rawReplyHex)
    {
        Product product = RequireProduct(productKey);
        CheckRawReply(rawReplyHex);
        product = product with
        {
            ProductName = productName ?? product.ProductName,
            TslJson = tslJson == null ? product.TslJson : NullIfEmpty(tslJson),
            DynamicRegistration = dynamicRegistration ?? product.DynamicRegistration,
            RawReplyHex = rawReplyHex == null ? product.RawReplyHex : NullIfEmpty(rawReplyHex),
        };
        try
        {
            return await _store.UpdateProductAsync(product).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw Invalid(ex.Message);
        }
    }

    // ------------------------------------------------------------------------------------------ topic classes

    static readonly Regex TopicLevelPattern = new("^[A-Za-z0-9_]+$", RegexOptions.Compiled);

    public async Task<TopicClass> CreateProductTopicAsync(string productKey, string shortName, string operation, string? desc)
    {
        RequireProduct(productKey);
        CheckTopicClass(shortName, operation, desc);
        return await _store.CreateTopicClassAsync(productKey, shortName, operation, desc).ConfigureAwait(false) ??
               throw new CloudApiException("iot.prod.CreateProductTopicFailed", "product " + productKey + " already has the topic class " + shortName);
    }

    public async Task UpdateProductTopicAsync(long topicId, string shortName, string operation, string? desc)
    {
        TopicClass topicClass = RequireTopicClass(topicId);
        CheckTopicClass(shortName, operation, desc);
        if (!await _store.UpdateTopicClassAsync(topicClass with { ShortName = shortName, Operation = operation, Desc = desc }).ConfigureAwait(false))
            throw new CloudApiException("iot.prod.UpdateProductTopicFailed", "product " + topicClass.ProductKey + " already has the topic class " + shortName);
    }

    public Task DeleteProductTopicAsync(long topicId) => _store.DeleteTopicClassAsync(RequireTopicClass(topicId));

    TopicClass RequireTopicClass(long topicId) => _store.GetTopicClass(topicId) ??
        throw new CloudApiException("iot.prod.NotExistedTopicId", "no topic class with TopicId " + topicId);

    // Levels of letters, digits and '_'; a SUB class may also use '+' and a final '#'.
    static void CheckTopicClass(string shortName, string operation, string? desc)
    {
        if (operation is not (TopicClass.Sub or TopicClass.Pub or TopicClass.All)) throw Invalid("Operation must be SUB, PUB or ALL");
        if (desc is { Length: > 100 }) throw Invalid("Desc may hold at most 100 characters");
        string[] levels = shortName.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            bool wildcard = operation == TopicClass.Sub && (levels[i] == "+" || levels[i] == "#" && i == levels.Length - 1);
            if (!wildcard && !TopicLevelPattern.IsMatch(levels[i]))
                throw Invalid("TopicShortName level " + (i + 1) + " ('" + levels[i] + "') may hold only letters, digits and '_'" +
                              (operation == TopicClass.Sub ? ", or be '+' or a final '#'" : " (wildcards only in a SUB class)"));
        }
    }

    public async Task<Device> RegisterDeviceAsync(string productKey, string? deviceName, string? deviceSecret)
    {
        RequireProduct(productKey);
        deviceName ??= RandomText(20);
        if (!DeviceNamePattern.IsMatch(deviceName))
            throw new CloudApiException("iot.device.InvalidFormattedDeviceName", "DeviceName: 4–32 letters, digits, '-', '_', '.', '@', ':'");
        if (_store.GetDevice(productKey, deviceName) != null)
            throw new CloudApiException("iot.device.AlreadyExistedDeviceName", "device " + deviceName + " exists");
        Device device = NewDevice(productKey, deviceName, NullIfEmpty(deviceSecret), Now);
        await _store.RegisterDeviceAsync(device).ConfigureAwait(false);
        return device;
    }

    /// <summary>DisableThing / EnableThing: a disabled device is disconnected and its logins are refused.</summary>
    public async Task SetDisabledAsync(string productKey, string deviceName, bool disabled)
    {
        RequireDevice(productKey, deviceName);
        await _store.SetDisabledAsync(productKey, deviceName, disabled).ConfigureAwait(false);
        if (disabled) await _downlink.DisconnectDeviceAsync(productKey, deviceName).ConfigureAwait(false);
    }

    /// <summary>A call the cloud makes, recorded under a new Alink id before it goes out; the device's reply completes the record.</summary>
    async Task<string> RecordCallAsync(string productKey, string deviceName, string identifier, string callType, string paramsJson)
    {
        string id = MessageIds.NextAlinkId();
        await _store.SaveServiceCallAsync(productKey, deviceName, new ServiceCallRecord(id, identifier, callType, paramsJson, null, null, Now, null))
            .ConfigureAwait(false);
        return id;
    }

    /// <summary>Publishes <c>thing.service.property.set</c>; the device's set_reply is collected under the returned message id.</summary>
    public async Task<string> SetPropertyAsync(string productKey, string deviceName, JsonElement items)
    {
        Product product = RequireProduct(productKey);
        RequireOnline(productKey, deviceName);
        if (items.ValueKind != JsonValueKind.Object || !items.EnumerateObject().Any()) throw Invalid("Items must be a non-empty JSON object");
        foreach (JsonProperty item in items.EnumerateObject()) CheckWritable(product, item, nullClears: false);
        string itemsJson = items.GetRawText();
        string id = await RecordCallAsync(productKey, deviceName, "set", "async", itemsJson).ConfigureAwait(false);
        await PublishAsync($"/sys/{productKey}/{deviceName}/thing/service/property/set",
            AlinkJson.Request("thing.service.property.set", id, itemsJson)).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// A value the cloud writes to a property (SetDeviceProperty, SetDeviceDesiredProperty): a property of the thing model that is
    /// not read-only, with a value of its type; a product without a thing model takes anything. With <paramref name="nullClears"/>
    /// null passes (it clears a desired value).
    /// </summary>
    static void CheckWritable(Product product, JsonProperty item, bool nullClears)
    {
        if (product.Tsl == null) return;
        if (!product.Tsl.Properties.TryGetValue(item.Name, out TslParam? property))
            throw TslError(new AlinkError(AlinkCodes.ParamsNotExist, "property " + item.Name + " is not in the thing model"));
        if (!property.AccessMode.Contains('w'))
            throw TslError(new AlinkError(AlinkCodes.ParamsNotExist, "property " + item.Name + " is read-only"));
        if (nullClears && item.Value.ValueKind == JsonValueKind.Null) return;
        if (TslValidator.CheckValue(property.DataType, item.Value, item.Name) is AlinkError error) throw TslError(error);
    }

    /// <summary>
    /// Calls a TSL service. Sync services (TSL <c>callType</c> "sync", or <paramref name="callType"/>) go over
    /// <c>/ext/rrpc/{messageId}/sys/…/thing/service/{id}</c> and wait up to <paramref name="timeoutMs"/> for the reply;
    /// async ones go to <c>…/thing/service/{id}</c> and the reply is collected later (QueryDeviceServiceData).
    /// </summary>
    public async Task<ServiceInvocation> InvokeServiceAsync(string productKey, string deviceName, string identifier, JsonElement args,
        string? callType, int timeoutMs)
    {
        Product product = RequireProduct(productKey);
        RequireOnline(productKey, deviceName);
        if (identifier is "set" or "get" || identifier.Contains('/') || identifier.Length == 0) throw Invalid("Identifier is not a service");
        TslService? service = null;
        if (product.Tsl != null && !product.Tsl.Services.TryGetValue(identifier, out service))
            throw TslError(new AlinkError(AlinkCodes.ParamsNotExist, "service " + identifier + " is not in the thing model"));
        if (TslValidator.CheckParams(service?.Input, args, "service input") is AlinkError error) throw TslError(error);
        bool sync = (callType ?? service?.CallType ?? "async").Equals("sync", StringComparison.OrdinalIgnoreCase);

        string argsJson = args.GetRawText();
        string id = await RecordCallAsync(productKey, deviceName, identifier, sync ? "sync" : "async", argsJson).ConfigureAwait(false);
        byte[] request = AlinkJson.Request("thing.service." + identifier, id, argsJson);
        string serviceTopic = $"/sys/{productKey}/{deviceName}/thing/service/{identifier}";
        if (!sync)
        {
            await PublishAsync(serviceTopic, request).ConfigureAwait(false);
            return new ServiceInvocation(id, false, null, null);
        }

        string rrpcId = MessageIds.NextRrpcId();
        using PendingReplies.Registration pending = Pending.Register(productKey, deviceName, rrpcId);
        await PublishAsync($"/ext/rrpc/{rrpcId}{serviceTopic}", request).ConfigureAwait(false);
        byte[]? reply = await pending.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs)).ConfigureAwait(false);
        if (reply == null) throw new CloudApiException("iot.device.TimeOut", "the device did not answer within " + timeoutMs + " ms");
        using JsonDocument? doc = AlinkJson.TryParseObject(reply);
        if (doc == null) throw new CloudApiException("iot.device.InvalidReply", "the device's reply is not a JSON object");
        int code = ReplyCode(doc.RootElement);
        string data = ReplyData(doc.RootElement);
        await _store.SaveServiceReplyAsync(productKey, deviceName, id, code, data, Now).ConfigureAwait(false);
        LogDeviceCode(productKey, deviceName, code);
        return new ServiceInvocation(id, true, code, data);
    }

    /// <summary>
    /// RRPC: system (<c>/sys/{pk}/{dn}/rrpc/request/{messageId}</c>, answered on <c>…/rrpc/response/{messageId}</c>) or,
    /// with <paramref name="topic"/>, custom (<c>/ext/rrpc/{messageId}{topic}</c>, answered on the same topic).
    /// </summary>
    public async Task<RrpcResult> RrpcAsync(string productKey, string deviceName, byte[] request, int timeoutMs, string? topic)
    {
        RequireDevice(productKey, deviceName);
        string messageId = MessageIds.NextRrpcId();
        if (!_downlink.IsOnline(productKey, deviceName)) return new RrpcResult("OFFLINE", messageId, null);
        if (topic != null && (!topic.StartsWith('/') || topic.Contains('+') || topic.Contains('#'))) throw Invalid("Topic must be a full topic starting with '/'");
        string requestTopic = topic == null ? $"/sys/{productKey}/{deviceName}/rrpc/request/{messageId}" : $"/ext/rrpc/{messageId}{topic}";
        using PendingReplies.Registration pending = Pending.Register(productKey, deviceName, messageId);
        await PublishAsync(requestTopic, request).ConfigureAwait(false);
        byte[]? reply = await pending.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs)).ConfigureAwait(false);
        return reply == null ? new RrpcResult("TIMEOUT", messageId, null) : new RrpcResult("SUCCESS", messageId, reply);
    }

    /// <summary>
    /// Publishes a message to a topic of the product: custom topics <c>/{pk}/…</c>, <c>/sys/{pk}/…</c>,
    /// <c>/broadcast/{pk}/…</c>, and OTA pushes <c>/ota/device/upgrade/{pk}/…</c> (the emulator has no firmware jobs).
    /// </summary>
    public async Task<string> PubAsync(string productKey, string topic, byte[] payload, int qos)
    {
        RequireProduct(productKey);
        if (qos is not (0 or 1)) throw Invalid("Qos must be 0 or 1");
        if (!(topic.StartsWith($"/{productKey}/", StringComparison.Ordinal) || topic.StartsWith($"/sys/{productKey}/", StringComparison.Ordinal) ||
              topic.StartsWith($"/broadcast/{productKey}/", StringComparison.Ordinal) ||
              topic.StartsWith($"/ota/device/upgrade/{productKey}/", StringComparison.Ordinal)) || topic.Contains('+') || topic.Contains('#'))
            throw Invalid("TopicFullName must be a topic of product " + productKey);
        if (!TopicPermissions.DevicesMayReceive(RequireProduct(productKey), topic))
            throw Invalid("TopicFullName " + topic + " has no topic class that devices may subscribe to (CreateProductTopic with SUB or ALL)");
        await _downlink.PublishAsync(topic, payload, qos).ConfigureAwait(false);
        return MessageIds.NextRrpcId();
    }

    /// <summary>The platform's largest PubBroadcast message: 64 KB.</summary>
    public const int MaxBroadcastBytes = 64 * 1024;

    /// <summary>
    /// PubBroadcast: without <paramref name="topic"/> to every online device of the product on
    /// <c>/sys/{pk}/{dn}/broadcast/request/{messageId}</c>, which each receives without subscribing; with it, to the devices
    /// subscribed to that <c>/broadcast/{pk}/…</c> topic. Returns the message id (a number, as the platform's).
    /// </summary>
    public async Task<long> PubBroadcastAsync(string productKey, byte[] message, string? topic)
    {
        RequireProduct(productKey);
        if (message.Length > MaxBroadcastBytes)
            throw Invalid("MessageContent holds " + message.Length + " bytes; the platform allows " + MaxBroadcastBytes + " (64 KB)");
        string prefix = $"/broadcast/{productKey}/";
        if (topic != null && (!topic.StartsWith(prefix, StringComparison.Ordinal) || topic.Length == prefix.Length || topic.Contains('+') || topic.Contains('#')))
            throw Invalid("TopicFullName must be a topic below " + prefix);
        long messageId = long.Parse(MessageIds.NextRrpcId());
        if (topic != null)
        {
            await _downlink.PublishAsync(topic, message).ConfigureAwait(false);
            return messageId;
        }
        foreach (Device device in _store.ListDevices(productKey).Where(d => _downlink.IsOnline(productKey, d.DeviceName)))
            await _downlink.PublishAsync($"/sys/{productKey}/{device.DeviceName}/broadcast/request/{messageId}", message).ConfigureAwait(false);
        return messageId;
    }

    public Product RequireProduct(string productKey) =>
        _store.GetProduct(productKey) ?? throw new CloudApiException("iot.prod.NotExistedProduct", "product " + productKey + " does not exist");

    public Device RequireDevice(string productKey, string deviceName)
    {
        RequireProduct(productKey);
        return _store.GetDevice(productKey, deviceName) ??
               throw new CloudApiException("iot.device.NotExistedDevice", "device " + deviceName + " does not exist");
    }

    void RequireOnline(string productKey, string deviceName)
    {
        RequireDevice(productKey, deviceName);
        if (!_downlink.IsOnline(productKey, deviceName)) throw new CloudApiException("iot.device.OfflineDevice", "device " + deviceName + " is offline");
    }

    static void CheckRawReply(string? rawReplyHex)
    {
        if (string.IsNullOrEmpty(rawReplyHex) || rawReplyHex == "echo") return;
        try
        {
            Convert.FromHexString(rawReplyHex);
        }
        catch (FormatException)
        {
            throw Invalid("RawReplyHex must be hex bytes or \"echo\"");
        }
    }

    static CloudApiException Invalid(string message) => new("InvalidParameter", message);

    static CloudApiException TslError(AlinkError error) => new("iot.tsl.ValidationFailed", error.Code + ": " + error.Message);

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
