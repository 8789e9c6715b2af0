namespace LinkKit.Emulator.Downloads;

/// <summary>
/// What to do wrong in a download, so devices can rehearse the field: close the connection after <see cref="CutAfterBytes"/>
/// body bytes (the response announced the whole length), flip the byte at file offset <see cref="CorruptByteAt"/>, send at
/// most <see cref="BytesPerSecond"/>. Any combination; null leaves that part alone.
/// </summary>
public sealed record DownloadFault(long? CutAfterBytes, long? CorruptByteAt, long? BytesPerSecond);

/// <summary>
/// The faults set with SetOTADownloadFault: one rule per firmware or configuration file (by its FirmwareId or ConfigId) plus one
/// for every download, each for a number of downloads (responses that carry a body: 200 or 206). A file's own rule wins over the
/// rule for all.
/// </summary>
public sealed class DownloadFaults
{
    readonly object _lock = new();
    readonly Dictionary<string, (DownloadFault Fault, int Left)> _rules = new(StringComparer.Ordinal);
    const string AllDownloads = "";

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="times"/> downloads of the file with that id (null: of any file).</summary>
    public void Set(string? fileId, DownloadFault fault, int times)
    {
        lock (_lock) _rules[fileId ?? AllDownloads] = (fault, times);
    }

    public void Clear()
    {
        lock (_lock) _rules.Clear();
    }

    /// <summary>The fault for one download of the file with that id, counted against its rule; null when none applies.</summary>
    public DownloadFault? Take(string fileId)
    {
        lock (_lock)
        {
            string key = _rules.ContainsKey(fileId) ? fileId : AllDownloads;
            if (!_rules.TryGetValue(key, out (DownloadFault Fault, int Left) rule)) return null;
            if (rule.Left <= 1) _rules.Remove(key);
            else _rules[key] = (rule.Fault, rule.Left - 1);
            return rule.Fault;
        }
    }
}
