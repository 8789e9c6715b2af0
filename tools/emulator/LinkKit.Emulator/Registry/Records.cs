using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator.Registry;

/// <summary>A product: its key and secret, thing model (TSL) and switches.</summary>
public sealed record Product(
    string ProductKey,
    string ProductName,
    string ProductSecret,
    string? TslJson,
    bool DynamicRegistration,
    string? RawReplyHex,
    long CreatedMs)
{
    /// <summary>The parsed thing model, or null when the product has none (then posts are not validated).</summary>
    public ThingModel? Tsl { get; init; }

    /// <summary>The product's custom topic classes (the three defaults included), oldest first.</summary>
    public IReadOnlyList<TopicClass> TopicClasses { get; init; } = [];
}

/// <summary>
/// A custom topic class of a product: <c>/{productKey}/${deviceName}/user/{ShortName}</c> with what devices may do on
/// it (<c>SUB</c>, <c>PUB</c> or <c>ALL</c>). Only a SUB class may hold the wildcards <c>+</c> and <c>#</c>.
/// </summary>
public sealed record TopicClass(long TopicId, string ProductKey, string ShortName, string Operation, string? Desc)
{
    public const string Sub = "SUB";
    public const string Pub = "PUB";
    public const string All = "ALL";

    /// <summary>Every product starts with these (as on the platform).</summary>
    public static readonly (string ShortName, string Operation)[] Defaults = [("update", Pub), ("update/error", Pub), ("get", Sub)];

    public bool DevicesMaySubscribe => Operation is Sub or All;
    public bool DevicesMayPublish => Operation is Pub or All;

    /// <summary>The class as the console shows it, e.g. <c>/a1B2c3/${deviceName}/user/get</c>.</summary>
    public string FullName => "/" + ProductKey + "/${deviceName}/user/" + ShortName;
}

/// <summary>Device states as the platform names them.</summary>
public static class DeviceStatus
{
    public const string Unactive = "UNACTIVE";
    public const string Online = "ONLINE";
    public const string Offline = "OFFLINE";
    public const string Disabled = "DISABLE";
}

/// <summary>A registered device.</summary>
public sealed record Device(
    string ProductKey,
    string DeviceName,
    string DeviceSecret,
    string IotId,
    string Status,
    long? ActivatedMs,
    long? LastOnlineMs,
    string? DeviceToken,
    string? TokenClientId,
    long CreatedMs)
{
    public bool IsActivated => ActivatedMs != null;
}

/// <summary>The latest value of one property.</summary>
public sealed record PropertyValue(string Identifier, string ValueJson, long TimeMs);

/// <summary>A desired property value (JSON; null once cleared or deleted) and its version.</summary>
public sealed record DesiredProperty(string Identifier, string? ValueJson, long Version, long TimeMs);

/// <summary>A device's log switch (<see cref="Mode"/> 0 off, 1 on, as the wire says it) and the log entries dropped while it was off.</summary>
public sealed record LogSwitch(int Mode, long Dropped)
{
    public static readonly LogSwitch Off = new(0, 0);
}

/// <summary>One log entry a device posted (the fields of thing/log/post as sent) and when it arrived.</summary>
public sealed record DeviceLogEntry(string UtcTime, string LogLevel, string? Module, string? Code, string? TraceContext, string LogContent, long ReceivedMs);

/// <summary>An MQTT host and port, as the bootstrap endpoint hands them to devices.</summary>
public sealed record MqttEndpoint(string Host, int Port);

/// <summary>One stored event.</summary>
public sealed record EventRecord(long Id, string Identifier, string EventType, string OutputJson, long TimeMs);

/// <summary>A device shadow: the JSON document (state and metadata) and its version.</summary>
public sealed record ShadowRecord(long Version, string DocumentJson, long UpdatedMs);

/// <summary>One uplink kept as received (raw data, custom topics, dropped messages).</summary>
public sealed record UplinkRecord(long Id, string Topic, byte[] Payload, long TimeMs);

/// <summary>A cloud → device call (property set, service, RRPC) and the device's reply, if any.</summary>
public sealed record ServiceCallRecord(
    string MessageId,
    string Identifier,
    string CallType,
    string ParamsJson,
    int? ReplyCode,
    string? ReplyDataJson,
    long CreatedMs,
    long? RepliedMs);
