namespace LinkKit.Emulator.Downloads;

/// <summary>
/// A file the download listener serves: its size, its MD5 (lower-case hex; the ETag), how to open its bytes (a seekable
/// stream; null when they are gone) and the id its faults are set under.
/// </summary>
public sealed record ServedFile(long Size, string Md5, string FaultKey, Func<Stream?> Open);

/// <summary>
/// One kind of file the download listener serves, under <c>/{Area}/{id}/{fileName}</c>: firmware files (<c>ota</c>) and
/// remote configuration files (<c>config</c>).
/// </summary>
public interface IDownloadSource
{
    string Area { get; }

    /// <summary>The file, or null when there is no such file (404).</summary>
    ServedFile? Find(string id, string fileName);
}

/// <summary>
/// The HTTPS download listener as the cloud side hands it out, where the platform has OSS: signed, expiring URLs under the
/// listener's address, and the faults set for downloads. OTA firmware and remote configuration files share it.
/// </summary>
public sealed class DownloadSite(DownloadUrls urls, Func<long> clock)
{
    public DownloadUrls Urls => urls;
    public DownloadFaults Faults { get; } = new();

    /// <summary>Scheme, host and port of the listener; null while it is off (then there are no URLs to give out).</summary>
    public Uri? BaseUri { get; set; }

    public long NowSeconds => clock() / 1000;

    public static string PathOf(string area, string id, string fileName) => "/" + area + "/" + id + "/" + fileName;

    /// <summary>A URL for the file valid for <paramref name="validSeconds"/> from now; null while the listener is off.</summary>
    public string? Url(IDownloadSource source, string id, string fileName, long validSeconds) =>
        BaseUri is Uri b ? urls.Create(b, PathOf(source.Area, id, fileName), NowSeconds + validSeconds) : null;
}
