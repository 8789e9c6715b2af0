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
