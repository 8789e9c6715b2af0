using System.Security.Cryptography;

namespace LinkKit.Emulator.Ota;

/// <summary>
/// The bytes of firmware files, in a folder beside the database (<c>{database name}-ota/{firmwareId}/{fileName}</c>): images
/// of 10 MB and more stay out of SQLite and are served from disk with ranges.
/// </summary>
public sealed class FirmwareFiles(string root)
{
    const int CopyBuffer = 81920;

    /// <summary>The folder for the database at <paramref name="databasePath"/>: <c>emulator.db</c> keeps its files in <c>emulator-ota/</c>.</summary>
    public static FirmwareFiles Beside(string databasePath)
    {
        string full = Path.GetFullPath(databasePath);
        return new FirmwareFiles(Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-ota"));
    }

    public string Root { get; } = root;

    string PathOf(string firmwareId, string fileName) => Path.Combine(Root, firmwareId, fileName);

    /// <summary>Copies <paramref name="content"/> into the store, computing its size and digests on the way.</summary>
    public async Task<OtaFile> SaveAsync(string firmwareId, string fileName, Stream content)
    {
        string path = PathOf(firmwareId, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        byte[] buffer = new byte[CopyBuffer];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBuffer, true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                size += read;
            }
        }
        return new OtaFile(fileName, size, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    /// <summary>Opens a stored file for reading (shared: several downloads may read it at once); null when it is not there.</summary>
    public FileStream? OpenRead(string firmwareId, string fileName)
    {
        string path = PathOf(firmwareId, fileName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBuffer, true) : null;
    }

    /// <summary>Removes all files of a firmware.</summary>
    public void Delete(string firmwareId)
    {
        string folder = Path.Combine(Root, firmwareId);
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
    }
}
