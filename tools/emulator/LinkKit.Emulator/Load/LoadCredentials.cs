namespace LinkKit.Emulator.Load;

/// <summary>
/// The credentials file of a load run: one <c>ProductKey,DeviceName,DeviceSecret</c> line per device. The header line
/// <c>ProductKey,DeviceName,DeviceSecret</c>, blank lines and <c>#</c> comments are skipped; device numbers count data lines only.
/// </summary>
public static class LoadCredentials
{
    public const string Header = "ProductKey,DeviceName,DeviceSecret";

    public static List<LoadDevice> Read(string path, int from = 0, int count = int.MaxValue)
    {
        var devices = new List<LoadDevice>();
        int index = 0, lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || IsHeader(line)) continue;
            if (index++ < from) continue;
            if (devices.Count == count) break;
            string[] parts = line.Split(',');
            // The message names the line only: the line holds a secret.
            if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
                throw new FormatException($"{path} line {lineNumber}: expected ProductKey,DeviceName,DeviceSecret");
            devices.Add(new LoadDevice(parts[0].Trim(), parts[1].Trim(), parts[2].Trim()));
        }
        return devices;
    }

    /// <summary>Number of devices in the file.</summary>
    public static int Count(string path) => File.ReadLines(path).Select(l => l.Trim())
        .Count(l => l.Length > 0 && !l.StartsWith('#') && !IsHeader(l));

    static bool IsHeader(string line) => line.Replace(" ", "").Equals(Header, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the file readable by its owner only (it holds device secrets).</summary>
    public static void Write(string path, IEnumerable<LoadDevice> devices)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        writer.WriteLine(Header);
        foreach (LoadDevice d in devices) writer.WriteLine($"{d.ProductKey},{d.DeviceName},{d.DeviceSecret}");
    }
}
