namespace LinkKit.Emulator.Ota;

/// <summary>One file of a firmware (update package): its name in download URLs, its size and both digests (lower-case hex).</summary>
public sealed record OtaFile(string Name, long Size, string Md5, string Sha256)
{
    /// <summary>The digest the firmware's sign method names.</summary>
    public string Sign(string signMethod) => signMethod == OtaSignMethod.Sha256 ? Sha256 : Md5;
}

/// <summary>
/// A firmware (the platform's "OTA update package") of one product and module: the version it installs, how its files are
/// signed, and the files themselves (one, or several for a multi-file package).
/// </summary>
public sealed record OtaFirmware(
    string FirmwareId,
    string ProductKey,
    string FirmwareName,
    string DestVersion,
    string? SrcVersion,
    string ModuleName,
    string SignMethod,
    int Type,
    string? Desc,
    string? Udi,
    long CreatedMs,
    IReadOnlyList<OtaFile> Files);

/// <summary>A static upgrade job (the platform's "batch"): which firmware goes to which devices, and how its pushes look.</summary>
public sealed record OtaJob(
    string JobId,
    string FirmwareId,
    string ProductKey,
    string TargetSelection,
    IReadOnlyList<string> SrcVersions,
    bool NeedPush,
    long UrlExpirySeconds,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    long CreatedMs);

/// <summary>One device's part of a job: its status, the latest progress step the device reported, and why it ended.</summary>
public sealed record OtaTask(
    string TaskId,
    string JobId,
    string FirmwareId,
    string ProductKey,
    string DeviceName,
    string ModuleName,
    string? SrcVersion,
    string DestVersion,
    string Status,
    string Progress,
    string TaskDesc,
    long CreatedMs,
    long ModifiedMs);

/// <summary>A version a device reported for one of its modules, and when.</summary>
public sealed record ModuleVersion(string ModuleName, string Version, long ReportedMs);

/// <summary>Task states under the platform's names (ListOTATaskByJob's TaskStatus).</summary>
public static class OtaTaskStatus
{
    public const string Queued = "QUEUED";
    public const string Notified = "NOTIFIED";
    public const string InProgress = "IN_PROGRESS";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";

    public static readonly string[] All = [Queued, Notified, InProgress, Succeeded, Failed, Canceled];

    /// <summary>Tasks in these states still wait for the device; the others are final.</summary>
    public static readonly string[] Unfinished = [Queued, Notified, InProgress];
}

/// <summary>Sign methods: the control API's names, and the names the device sees in a push.</summary>
public static class OtaSignMethod
{
    public const string Md5 = "MD5";
    public const string Sha256 = "SHA256";

    /// <summary>
    /// What a push's <c>signMethod</c> says. MD5 is written <c>Md5</c> on the wire: the Link SDK C 4.x accepts only that
    /// spelling (and <c>SHA256</c>/<c>Sha256</c>), and the Python SDK's capture shows it too.
    /// </summary>
    public static string WireName(string signMethod) => signMethod == Sha256 ? "SHA256" : "Md5";
}
