namespace LinkKit.Emulator.RemoteConfig;

/// <summary>
/// One version of a product's remote configuration file: the platform keeps one current file per product (every device of
/// the product gets the same one) and the earlier versions beside it. Size and digests (lower-case hex) are of the bytes.
/// </summary>
public sealed record ProductConfig(string ConfigId, string ProductKey, long Size, string Md5, string Sha256, long CreatedMs);

/// <summary>One device's copy of a push: which version went out under which message id, and the device's push_reply once it came.</summary>
public sealed record ConfigPush(string ConfigId, string ProductKey, string DeviceName, string MessageId, long PushedMs,
    int? ReplyCode, string? ReplyDataJson, long? RepliedMs);
