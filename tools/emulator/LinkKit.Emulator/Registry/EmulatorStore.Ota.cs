using System.Text.Json;
using LinkKit.Emulator.Ota;
using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

// The OTA records: firmwares with their files' sizes and digests (the bytes themselves live on disk, FirmwareFiles), static
// upgrade jobs, one task per device and job, and the module versions devices report.
public sealed partial class EmulatorStore
{
    const string OtaSchema = """
        CREATE TABLE IF NOT EXISTS ota_firmwares (
            firmware_id TEXT PRIMARY KEY, product_key TEXT NOT NULL, firmware_name TEXT NOT NULL UNIQUE, dest_version TEXT NOT NULL,
            src_version TEXT, module_name TEXT NOT NULL, sign_method TEXT NOT NULL, type INTEGER NOT NULL, description TEXT, udi TEXT,
            created_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ota_files (
            firmware_id TEXT NOT NULL, file_index INTEGER NOT NULL, file_name TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL,
            sha256 TEXT NOT NULL, PRIMARY KEY (firmware_id, file_index));
        CREATE TABLE IF NOT EXISTS ota_jobs (
            job_id TEXT PRIMARY KEY, firmware_id TEXT NOT NULL, product_key TEXT NOT NULL, target_selection TEXT NOT NULL,
            src_versions TEXT NOT NULL, need_push INTEGER NOT NULL, url_expiry_s INTEGER NOT NULL, tags_json TEXT NOT NULL,
            created_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ota_tasks (
            task_id TEXT PRIMARY KEY, job_id TEXT NOT NULL, firmware_id TEXT NOT NULL, product_key TEXT NOT NULL, device_name TEXT NOT NULL,
            module_name TEXT NOT NULL, src_version TEXT, dest_version TEXT NOT NULL, status TEXT NOT NULL, progress TEXT NOT NULL,
            task_desc TEXT NOT NULL, created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ota_tasks_device ON ota_tasks (product_key, device_name, status);
        CREATE INDEX IF NOT EXISTS ota_tasks_job ON ota_tasks (job_id, created_ms);
        CREATE TABLE IF NOT EXISTS ota_module_versions (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, module_name TEXT NOT NULL, version TEXT NOT NULL,
            reported_ms INTEGER NOT NULL, PRIMARY KEY (product_key, device_name, module_name));
        CREATE TABLE IF NOT EXISTS ota_version_reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT NOT NULL, device_name TEXT NOT NULL, module_name TEXT NOT NULL,
            version TEXT NOT NULL, reported_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ota_version_reports_device ON ota_version_reports (product_key, device_name, id);
        """;

    static readonly string UnfinishedStatuses = "('" + string.Join("','", OtaTaskStatus.Unfinished) + "')";

    // ---------------------------------------------------------------- firmwares

    /// <summary>Stores a firmware and its files' records; false when another firmware already has its name.</summary>
    public Task<bool> CreateFirmwareAsync(OtaFirmware f) => _writer.RunAsync(s =>
    {
        if (s.Scalar("SELECT 1 FROM ota_firmwares WHERE firmware_name=$n", ("$n", f.FirmwareName)) != null) return false;
        s.Execute("INSERT INTO ota_firmwares VALUES ($id, $pk, $name, $dest, $src, $module, $sign, $type, $desc, $udi, $created)",
            ("$id", f.FirmwareId), ("$pk", f.ProductKey), ("$name", f.FirmwareName), ("$dest", f.DestVersion), ("$src", f.SrcVersion),
            ("$module", f.ModuleName), ("$sign", f.SignMethod), ("$type", f.Type), ("$desc", f.Desc), ("$udi", f.Udi), ("$created", f.CreatedMs));
        for (int i = 0; i < f.Files.Count; i++)
            s.Execute("INSERT INTO ota_files VALUES ($id, $i, $name, $size, $md5, $sha)", ("$id", f.FirmwareId), ("$i", i),
                ("$name", f.Files[i].Name), ("$size", f.Files[i].Size), ("$md5", f.Files[i].Md5), ("$sha", f.Files[i].Sha256));
        return true;
    });

    public OtaFirmware? GetFirmware(string firmwareId) => ReadFirmwares("firmware_id=$id", ("$id", firmwareId)).FirstOrDefault();

    /// <summary>Firmwares, newest first, optionally of one product and one destination version.</summary>
    public List<OtaFirmware> ListFirmwares(string? productKey, string? destVersion) =>
        ReadFirmwares("($pk IS NULL OR product_key=$pk) AND ($dest IS NULL OR dest_version=$dest)", ("$pk", productKey), ("$dest", destVersion));

    List<OtaFirmware> ReadFirmwares(string where, params (string Name, object? Value)[] args) => ReadWith(s => s.Query(
        "SELECT firmware_id, product_key, firmware_name, dest_version, src_version, module_name, sign_method, type, description, udi, created_ms " +
        "FROM ota_firmwares WHERE " + where + " ORDER BY created_ms DESC, rowid DESC",
        r => new OtaFirmware(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetString(6),
            r.GetInt32(7), r.NullableString(8), r.NullableString(9), r.GetInt64(10), []), args)
        .Select(f => f with
        {
            Files = s.Query("SELECT file_name, size, md5, sha256 FROM ota_files WHERE firmware_id=$id ORDER BY file_index",
                r => new OtaFile(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3)), ("$id", f.FirmwareId)),
        }).ToList());

    /// <summary>Deletes a firmware with its jobs and tasks; false (nothing deleted) while one of its tasks is unfinished.</summary>
    public Task<bool> DeleteFirmwareAsync(string firmwareId) => _writer.RunAsync(s =>
    {
        if (s.Scalar("SELECT 1 FROM ota_tasks WHERE firmware_id=$id AND status IN " + UnfinishedStatuses, ("$id", firmwareId)) != null) return false;
        foreach (string table in new[] { "ota_tasks", "ota_jobs", "ota_files", "ota_firmwares" })
            s.Execute("DELETE FROM " + table + " WHERE firmware_id=$id", ("$id", firmwareId));
        return true;
    });

    // ---------------------------------------------------------------- jobs and tasks

    /// <summary>Stores a job and its tasks in one transaction.</summary>
    public Task CreateJobAsync(OtaJob job, IReadOnlyList<OtaTask> tasks) => _writer.RunAsync(s =>
    {
        s.Execute("INSERT INTO ota_jobs VALUES ($id, $fw, $pk, $target, $src, $push, $expiry, $tags, $created)",
            ("$id", job.JobId), ("$fw", job.FirmwareId), ("$pk", job.ProductKey), ("$target", job.TargetSelection),
            ("$src", string.Join(',', job.SrcVersions)), ("$push", job.NeedPush ? 1 : 0), ("$expiry", job.UrlExpirySeconds),
            ("$tags", JsonSerializer.Serialize(job.Tags.Select(t => new[] { t.Key, t.Value }))), ("$created", job.CreatedMs));
        foreach (OtaTask t in tasks)
            s.Execute("INSERT INTO ota_tasks VALUES ($id, $job, $fw, $pk, $dn, $module, $src, $dest, $status, $progress, $desc, $created, $modified)",
                ("$id", t.TaskId), ("$job", t.JobId), ("$fw", t.FirmwareId), ("$pk", t.ProductKey), ("$dn", t.DeviceName), ("$module", t.ModuleName),
                ("$src", t.SrcVersion), ("$dest", t.DestVersion), ("$status", t.Status), ("$progress", t.Progress), ("$desc", t.TaskDesc),
                ("$created", t.CreatedMs), ("$modified", t.ModifiedMs));
    });

    const string JobColumns = "job_id, firmware_id, product_key, target_selection, src_versions, need_push, url_expiry_s, tags_json, created_ms";

    static OtaJob MapJob(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetInt32(5) != 0, r.GetInt64(6),
        JsonSerializer.Deserialize<string[][]>(r.GetString(7))!.Select(t => new KeyValuePair<string, string>(t[0], t[1])).ToList(),
        r.GetInt64(8));

    public OtaJob? GetJob(string jobId) => ReadWith(s => s.Query(
        "SELECT " + JobColumns + " FROM ota_jobs WHERE job_id=$id", MapJob, ("$id", jobId)).FirstOrDefault());

    /// <summary>The firmware's jobs, newest first.</summary>
    public List<OtaJob> ListJobsByFirmware(string firmwareId) => ReadWith(s => s.Query(
        "SELECT " + JobColumns + " FROM ota_jobs WHERE firmware_id=$id ORDER BY created_ms DESC, rowid DESC", MapJob, ("$id", firmwareId)));

    const string TaskColumns = "task_id, job_id, firmware_id, product_key, device_name, module_name, src_version, dest_version, status, progress, " +
                               "task_desc, created_ms, modified_ms";

    static OtaTask MapTask(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.NullableString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetInt64(11), r.GetInt64(12));

    /// <summary>A page of a job's tasks in the order they were created, optionally of one status or some devices, and how many match.</summary>
    public (List<OtaTask> Page, int Total) ListTasksByJob(string jobId, string? status, IReadOnlyList<string> deviceNames, int offset, int limit)
    {
        var args = new List<(string, object?)> { ("$job", jobId), ("$status", status), ("$offset", offset), ("$limit", limit) };
        string where = "job_id=$job AND ($status IS NULL OR status=$status)" + (deviceNames.Count == 0 ? "" : " AND device_name IN " + InList("$dn", deviceNames, args));
        return ReadWith(s => (
            s.Query("SELECT " + TaskColumns + " FROM ota_tasks WHERE " + where + " ORDER BY created_ms, rowid LIMIT $limit OFFSET $offset", MapTask, args.ToArray()),
            (int)(long)s.Scalar("SELECT COUNT(*) FROM ota_tasks WHERE " + where, args.ToArray())!));
    }

    /// <summary>How many of the job's tasks are in each status (every status named, zeros included).</summary>
    public Dictionary<string, int> CountTasksByStatus(string jobId)
    {
        Dictionary<string, int> counts = OtaTaskStatus.All.ToDictionary(s => s, _ => 0);
        foreach ((string status, int count) in ReadWith(s => s.Query("SELECT status, COUNT(*) FROM ota_tasks WHERE job_id=$job GROUP BY status",
                     r => (r.GetString(0), r.GetInt32(1)), ("$job", jobId))))
            counts[status] = count;
        return counts;
    }

    /// <summary>The device's unfinished tasks (at most one per module), oldest first.</summary>
    public List<OtaTask> GetUnfinishedTasks(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT " + TaskColumns + " FROM ota_tasks WHERE product_key=$pk AND device_name=$dn AND status IN " + UnfinishedStatuses + " ORDER BY created_ms, rowid",
        MapTask, ("$pk", productKey), ("$dn", deviceName)));

    /// <summary>Devices of the product with an unfinished task for the module, and the job that task belongs to.</summary>
    public Dictionary<string, string> UnfinishedJobsOfModule(string productKey, string module) => ReadWith(s => s.Query(
        "SELECT device_name, job_id FROM ota_tasks WHERE product_key=$pk AND module_name=$m AND status IN " + UnfinishedStatuses,
        r => (r.GetString(0), r.GetString(1)), ("$pk", productKey), ("$m", module))).ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>QUEUED tasks become NOTIFIED (their push is on its way).</summary>
    public Task MarkNotifiedAsync(IReadOnlyList<string> taskIds, long nowMs) => _writer.RunAsync(s =>
    {
        foreach (string id in taskIds)
            s.Execute("UPDATE ota_tasks SET status=$to, modified_ms=$now WHERE task_id=$id AND status=$from",
                ("$id", id), ("$to", OtaTaskStatus.Notified), ("$from", OtaTaskStatus.Queued), ("$now", nowMs));
    });

    /// <summary>
    /// A device reported a module's version: it becomes the module's latest (the report is also kept in the history), and the
    /// device's unfinished tasks that install exactly that version succeed. Returns how many tasks succeeded.
    /// </summary>
    public Task<int> ReportVersionAsync(string productKey, string deviceName, string module, string version, long nowMs) => _writer.RunAsync(s =>
    {
        (string, object?)[] args = [("$pk", productKey), ("$dn", deviceName), ("$m", module), ("$v", version), ("$now", nowMs)];
        s.Execute("INSERT INTO ota_module_versions VALUES ($pk, $dn, $m, $v, $now) ON CONFLICT (product_key, device_name, module_name) " +
                  "DO UPDATE SET version=excluded.version, reported_ms=excluded.reported_ms", args);
        s.Execute("INSERT INTO ota_version_reports (product_key, device_name, module_name, version, reported_ms) VALUES ($pk, $dn, $m, $v, $now)", args);
        return s.Execute("UPDATE ota_tasks SET status='" + OtaTaskStatus.Succeeded + "', progress='100', task_desc='the device reports version ' || $v, modified_ms=$now " +
                         "WHERE product_key=$pk AND device_name=$dn AND module_name=$m AND dest_version=$v AND status IN " + UnfinishedStatuses, args);
    });

    /// <summary>
    /// A device reported progress on a module: its unfinished task for it is IN_PROGRESS for a step of 0 or more, FAILED below,
    /// with the step and description recorded. Returns the task as it is now, or null when the device had none unfinished.
    /// </summary>
    public Task<OtaTask?> ReportProgressAsync(string productKey, string deviceName, string module, int step, string desc, long nowMs) =>
        _writer.RunAsync(s =>
        {
            (string, object?)[] args = [("$pk", productKey), ("$dn", deviceName), ("$m", module)];
            const string where = "product_key=$pk AND device_name=$dn AND module_name=$m AND status IN ";
            string? taskId = (string?)s.Scalar("SELECT task_id FROM ota_tasks WHERE " + where + UnfinishedStatuses, args);
            if (taskId == null) return null;
            s.Execute("UPDATE ota_tasks SET status=$status, progress=$step, task_desc=$desc, modified_ms=$now WHERE task_id=$id",
                ("$id", taskId), ("$status", step >= 0 ? OtaTaskStatus.InProgress : OtaTaskStatus.Failed), ("$step", step.ToString()),
                ("$desc", desc), ("$now", nowMs));
            return s.Query("SELECT " + TaskColumns + " FROM ota_tasks WHERE task_id=$id", MapTask, ("$id", taskId)).Single();
        });

    /// <summary>The job's tasks in one of <paramref name="statuses"/> become CANCELED with <paramref name="desc"/>; returns how many.</summary>
    public Task<int> CancelTasksAsync(string jobId, IReadOnlyList<string> statuses, string desc, long nowMs)
    {
        var args = new List<(string, object?)> { ("$job", jobId), ("$desc", desc), ("$now", nowMs), ("$to", OtaTaskStatus.Canceled) };
        string sql = "UPDATE ota_tasks SET status=$to, task_desc=$desc, modified_ms=$now WHERE job_id=$job AND status IN " + InList("$s", statuses, args);
        return _writer.RunAsync(s => s.Execute(sql, args.ToArray()));
    }

    // ---------------------------------------------------------------- module versions

    /// <summary>The latest version of each module the device reported, by module name.</summary>
    public List<ModuleVersion> GetModuleVersions(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT module_name, version, reported_ms FROM ota_module_versions WHERE product_key=$pk AND device_name=$dn ORDER BY module_name",
        r => new ModuleVersion(r.GetString(0), r.GetString(1), r.GetInt64(2)), ("$pk", productKey), ("$dn", deviceName)));

    /// <summary>Every version report of the device, newest first.</summary>
    public List<ModuleVersion> GetVersionReports(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT module_name, version, reported_ms FROM ota_version_reports WHERE product_key=$pk AND device_name=$dn ORDER BY id DESC",
        r => new ModuleVersion(r.GetString(0), r.GetString(1), r.GetInt64(2)), ("$pk", productKey), ("$dn", deviceName)));

    /// <summary>The version each device of the product last reported for the module.</summary>
    public Dictionary<string, string> ModuleVersionsOfProduct(string productKey, string module) => ReadWith(s => s.Query(
        "SELECT device_name, version FROM ota_module_versions WHERE product_key=$pk AND module_name=$m",
        r => (r.GetString(0), r.GetString(1)), ("$pk", productKey), ("$m", module))).ToDictionary(p => p.Item1, p => p.Item2);

    // "($p0,$p1,…)" with the values added to args.
    static string InList(string prefix, IReadOnlyList<string> values, List<(string, object?)> args)
    {
        var names = new string[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            names[i] = prefix + i;
            args.Add((names[i], values[i]));
        }
        return "(" + string.Join(',', names) + ")";
    }
}
