namespace LinkKit.Emulator.Registry;

// Device logs (docs/protocol.md, Device log): each device's log switch (the console's "device local log report"), how many entries
// came while it was off, and the entries that came while it was on.
public sealed partial class EmulatorStore
{
    const string DeviceLogSchema = """
        CREATE TABLE IF NOT EXISTS log_switches (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, mode INTEGER NOT NULL, dropped INTEGER NOT NULL,
            PRIMARY KEY (product_key, device_name));
        CREATE TABLE IF NOT EXISTS device_logs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT NOT NULL, device_name TEXT NOT NULL, utc_time TEXT NOT NULL,
            log_level TEXT NOT NULL, module TEXT, code TEXT, trace_context TEXT, log_content TEXT NOT NULL, received_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS device_logs_device ON device_logs (product_key, device_name, id);
        """;

    /// <summary>The device's log switch (off until set) and the count of entries dropped while it was off.</summary>
    public LogSwitch GetLogSwitch(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT mode, dropped FROM log_switches WHERE product_key=$pk AND device_name=$dn",
        r => new LogSwitch(r.GetInt32(0), r.GetInt64(1)), ("$pk", productKey), ("$dn", deviceName)).FirstOrDefault()) ?? LogSwitch.Off;

    /// <summary>Sets the switch (0 off, 1 on); true when that changed it.</summary>
    public Task<bool> SetLogModeAsync(string productKey, string deviceName, int mode) => _writer.RunAsync(s =>
    {
        long current = (long?)s.Scalar("SELECT mode FROM log_switches WHERE product_key=$pk AND device_name=$dn", ("$pk", productKey), ("$dn", deviceName))
                       ?? LogSwitch.Off.Mode;
        if (current == mode) return false;
        s.Execute("INSERT INTO log_switches VALUES ($pk, $dn, $mode, 0) ON CONFLICT (product_key, device_name) DO UPDATE SET mode=excluded.mode",
            ("$pk", productKey), ("$dn", deviceName), ("$mode", mode));
        return true;
    });

    /// <summary>
    /// Keeps a device's log entries when its switch is on, else counts them as dropped; the switch is read in the same step of the
    /// writer as the entries are written. True when they were kept.
    /// </summary>
    public Task<bool> SaveDeviceLogsAsync(string productKey, string deviceName, IReadOnlyList<DeviceLogEntry> entries) => _writer.RunAsync(s =>
    {
        bool on = s.Scalar("SELECT mode FROM log_switches WHERE product_key=$pk AND device_name=$dn", ("$pk", productKey), ("$dn", deviceName)) is 1L;
        if (!on)
        {
            s.Execute("INSERT INTO log_switches VALUES ($pk, $dn, 0, $n) ON CONFLICT (product_key, device_name) DO UPDATE SET dropped=dropped+$n",
                ("$pk", productKey), ("$dn", deviceName), ("$n", entries.Count));
            return false;
        }
        foreach (DeviceLogEntry e in entries)
            s.Execute("INSERT INTO device_logs (product_key, device_name, utc_time, log_level, module, code, trace_context, log_content, received_ms) " +
                      "VALUES ($pk, $dn, $utc, $level, $module, $code, $trace, $content, $t)",
                ("$pk", productKey), ("$dn", deviceName), ("$utc", e.UtcTime), ("$level", e.LogLevel), ("$module", e.Module), ("$code", e.Code),
                ("$trace", e.TraceContext), ("$content", e.LogContent), ("$t", e.ReceivedMs));
        return true;
    });

    /// <summary>The device's kept log entries, newest first.</summary>
    public List<DeviceLogEntry> QueryDeviceLogs(string productKey, string deviceName, int limit) => ReadWith(s => s.Query(
        "SELECT utc_time, log_level, module, code, trace_context, log_content, received_ms FROM device_logs " +
        "WHERE product_key=$pk AND device_name=$dn ORDER BY id DESC LIMIT $limit",
        r => new DeviceLogEntry(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.NullableString(4), r.GetString(5), r.GetInt64(6)),
        ("$pk", productKey), ("$dn", deviceName), ("$limit", limit)));
}
