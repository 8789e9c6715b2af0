using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Downloads;
using LinkKit.Emulator.Ota;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.ControlApi;

// The OTA actions (docs/protocol.md, OTA) under the platform's names and answer shapes. Emulator extensions: the firmware's
// bytes (FirmwareBase64, FirmwarePath, MultiFiles with Base64 or Path), UrlExpirySeconds on jobs, TaskCounts in QueryOTAJob,
// History and UtcReported in ListOTAModuleVersionsByDevice, and the fault actions SetOTADownloadFault / ClearOTADownloadFaults (which
// act on remote configuration downloads too).
public sealed partial class CloudApi
{
    static readonly Regex VersionPattern = new("^[A-Za-z0-9._-]{1,64}$", RegexOptions.Compiled);
    // No leading dot, so neither "." nor ".." can name a file.
    static readonly Regex FileNamePattern = new("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$", RegexOptions.Compiled);
    const int MaxTargetDevices = 200;

    OtaService Ota => cloud.Ota;

    // ------------------------------------------------------------------------------------------ firmware

    async Task<JsonObject> CreateOTAFirmwareAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        string name = r.Required("FirmwareName");
        if (name.Length > 40) throw ApiRequest.Invalid("FirmwareName may hold at most 40 characters");
        string? src = VersionLike(r, "SrcVersion");
        string signMethod = (r.Optional("SignMethod") ?? OtaSignMethod.Md5).ToUpperInvariant() switch
        {
            OtaSignMethod.Md5 => OtaSignMethod.Md5,
            OtaSignMethod.Sha256 => OtaSignMethod.Sha256,
            _ => throw ApiRequest.Invalid("SignMethod must be MD5 or SHA256"),
        };
        int type = (int)r.Long("Type", 0, 0, 1);
        if (type == 1 && src == null) throw ApiRequest.Invalid("a difference package (Type 1) needs SrcVersion");
        string? desc = r.Optional("FirmwareDesc");
        if (desc is { Length: > 100 }) throw ApiRequest.Invalid("FirmwareDesc may hold at most 100 characters");
        string? udi = r.Optional("Udi");
        if (udi is { Length: > 4096 }) throw ApiRequest.Invalid("Udi may hold at most 4096 characters");
        OtaFirmware firmware = await Ota.CreateFirmwareAsync(new FirmwareRequest(pk, name, VersionLike(r, "DestVersion") ?? throw ApiRequest.Invalid("DestVersion is required"),
            src, VersionLike(r, "ModuleName") ?? OtaService.DefaultModule, signMethod, type, desc, udi, FirmwareSources(r))).ConfigureAwait(false);
        return Data(new JsonObject { ["FirmwareId"] = firmware.FirmwareId, ["UtcCreate"] = Iso(firmware.CreatedMs) });
    }

    // Versions and module names: 1–64 letters, digits, '.', '-', '_'.
    static string? VersionLike(ApiRequest r, string name) => r.Optional(name) is not string v ? null
        : VersionPattern.IsMatch(v) ? v : throw ApiRequest.Invalid(name + " may hold 1–64 letters, digits, '.', '-' or '_'");

    // FirmwareBase64 or FirmwarePath (named by FileName, else the path's file name or firmware.bin), or MultiFiles
    // [{Name, Base64 | Path}]: exactly one of the three. The platform takes OSS URLs here; the emulator takes the bytes.
    static List<FirmwareSource> FirmwareSources(ApiRequest r)
    {
        List<ApiRequest> multi = r.ObjectList("MultiFiles");
        string? path = r.Optional("FirmwarePath");
        int given = (r.Optional("FirmwareBase64") != null ? 1 : 0) + (path != null ? 1 : 0) + (multi.Count > 0 ? 1 : 0);
        if (given != 1) throw ApiRequest.Invalid("give exactly one of FirmwareBase64, FirmwarePath and MultiFiles");
        if (multi.Count == 0) return [Source(r, r.Optional("FileName") ?? (path != null ? Path.GetFileName(path) : "firmware.bin"), "FirmwareBase64", "FirmwarePath")];
        List<FirmwareSource> sources = multi.Select(file => Source(file, file.Required("Name"), "Base64", "Path")).ToList();
        if (sources.Select(s => s.Name).Distinct().Count() != sources.Count) throw ApiRequest.Invalid("MultiFiles names must differ");
        return sources;
    }

    static FirmwareSource Source(ApiRequest r, string name, string base64Name, string pathName)
    {
        if (!FileNamePattern.IsMatch(name)) throw ApiRequest.Invalid("file name " + name + " must be 1–64 letters, digits, '.', '-' or '_', not starting with '.'");
        if (r.Optional(pathName) is string path)
        {
            string full = Path.GetFullPath(path);
            return new FirmwareSource(name, () => File.OpenRead(full));
        }
        byte[] bytes = r.Base64(base64Name);
        return new FirmwareSource(name, () => new MemoryStream(bytes, false));
    }

    Task<JsonObject> ListOTAFirmwareAsync(ApiRequest r)
    {
        (int page, int size) = Paging(r, 100);
        List<OtaFirmware> all = store.ListFirmwares(r.Optional("ProductKey"), r.Optional("DestVersion"));
        var list = new JsonArray(all.Skip((page - 1) * size).Take(size).Select(f => (JsonNode)FirmwareInfo(f, false)).ToArray());
        return Task.FromResult(Paged(new JsonObject { ["FirmwareInfo"] = new JsonObject { ["SimpleFirmwareInfo"] = list } }, all.Count, page, size));
    }

    Task<JsonObject> QueryOTAFirmwareAsync(ApiRequest r) =>
        Task.FromResult(new JsonObject { ["FirmwareInfo"] = FirmwareInfo(Ota.RequireFirmware(r.Required("FirmwareId")), true) });

    // The platform's SimpleFirmwareInfo; with detail (QueryOTAFirmware) also a signed FirmwareUrl valid for 24 h, Udi, and
    // for several files MultiFiles [{Name, Size, SignValue, FileMd5, Url}]. Size and sign are the first file's.
    JsonObject FirmwareInfo(OtaFirmware f, bool detail)
    {
        OtaFile first = f.Files[0];
        var info = new JsonObject
        {
            ["FirmwareId"] = f.FirmwareId,
            ["FirmwareName"] = f.FirmwareName,
            ["ProductKey"] = f.ProductKey,
            ["ProductName"] = store.GetProduct(f.ProductKey)?.ProductName,
            ["DestVersion"] = f.DestVersion,
            ["SrcVersion"] = f.SrcVersion,
            ["ModuleName"] = f.ModuleName,
            ["SignMethod"] = f.SignMethod,
            ["FirmwareSign"] = first.Sign(f.SignMethod),
            ["FirmwareSize"] = first.Size,
            ["FirmwareDesc"] = f.Desc,
            ["Status"] = -1,        // "needs no verification": the emulator has no verification jobs
            ["Type"] = f.Type,
            ["UtcCreate"] = Iso(f.CreatedMs),
            ["UtcModified"] = Iso(f.CreatedMs),
        };
        if (!detail) return info;
        info["FirmwareUrl"] = Ota.FileUrl(f, first);
        info["Udi"] = f.Udi;
        if (f.Files.Count > 1)
            info["MultiFiles"] = new JsonArray(f.Files.Select(file => (JsonNode)new JsonObject
            {
                ["Name"] = file.Name,
                ["Size"] = file.Size,
                ["SignValue"] = file.Sign(f.SignMethod),
                ["FileMd5"] = file.Md5,
                ["Url"] = Ota.FileUrl(f, file),
            }).ToArray());
        return info;
    }

    async Task<JsonObject> DeleteOTAFirmwareAsync(ApiRequest r)
    {
        await Ota.DeleteFirmwareAsync(r.Required("FirmwareId")).ConfigureAwait(false);
        return new JsonObject();
    }

    // ------------------------------------------------------------------------------------------ jobs and tasks

    async Task<JsonObject> CreateOTAStaticUpgradeJobAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        string target = r.Required("TargetSelection").ToUpperInvariant();
        if (target is not ("ALL" or "SPECIFIC")) throw ApiRequest.Invalid("TargetSelection must be ALL or SPECIFIC (GRAY and GROUP are not modelled)");
        List<string> devices = target == "SPECIFIC" ? r.StringList("TargetDeviceName") : [];
        if (target == "SPECIFIC" && devices.Count is 0 or > MaxTargetDevices) throw ApiRequest.Invalid("SPECIFIC needs 1–200 TargetDeviceName");
        foreach (string dn in devices) cloud.RequireDevice(pk, dn);
        List<string> sources = r.StringList("SrcVersion");
        if (sources.Any(v => !VersionPattern.IsMatch(v))) throw ApiRequest.Invalid("SrcVersion may hold 1–64 letters, digits, '.', '-' or '_'");
        List<KeyValuePair<string, string>> tags = r.ObjectList("Tags").Select(t => new KeyValuePair<string, string>(t.Required("Key"), t.Required("Value"))).ToList();
        OtaJob job = await Ota.CreateStaticJobAsync(new JobRequest(r.Required("FirmwareId"), pk, target == "ALL", devices, sources, r.Bool("NeedPush") ?? true,
            r.Long("UrlExpirySeconds", OtaService.DefaultUrlExpirySeconds, 1, 7 * 24 * 3600), tags)).ConfigureAwait(false);
        return Data(new JsonObject { ["JobId"] = job.JobId, ["UtcCreate"] = Iso(job.CreatedMs) });
    }

    Task<JsonObject> QueryOTAJobAsync(ApiRequest r)
    {
        OtaJob job = Ota.RequireJob(r.Required("JobId"));
        return Task.FromResult(Data(JobInfo(job, Ota.RequireFirmware(job.FirmwareId))));
    }

    // The firmware's jobs, newest first, each as QueryOTAJob describes it.
    Task<JsonObject> ListOTAJobByFirmwareAsync(ApiRequest r)
    {
        OtaFirmware firmware = Ota.RequireFirmware(r.Required("FirmwareId"));
        (int page, int size) = Paging(r, 100);
        List<OtaJob> jobs = store.ListJobsByFirmware(firmware.FirmwareId);
        var list = new JsonArray(jobs.Skip((page - 1) * size).Take(size).Select(job => (JsonNode)JobInfo(job, firmware)).ToArray());
        return Task.FromResult(Paged(Data(new JsonObject { ["SimpleOTAJobInfo"] = list }), jobs.Count, page, size));
    }

    // The platform's job fields, plus TaskCounts (emulator): how many tasks are in each status. IN_PROGRESS while a task is unfinished.
    JsonObject JobInfo(OtaJob job, OtaFirmware firmware)
    {
        Dictionary<string, int> counts = store.CountTasksByStatus(job.JobId);
        var countsNode = new JsonObject();
        foreach (string status in OtaTaskStatus.All) countsNode[status] = counts[status];
        return new JsonObject
        {
            ["JobId"] = job.JobId,
            ["FirmwareId"] = job.FirmwareId,
            ["ProductKey"] = job.ProductKey,
            ["Name"] = firmware.FirmwareName,
            ["DestVersion"] = firmware.DestVersion,
            ["JobType"] = "UPGRADE_FIRMWARE",
            ["SelectionType"] = "STATIC",
            ["TargetSelection"] = job.TargetSelection,
            ["JobStatus"] = OtaTaskStatus.Unfinished.Any(s => counts[s] > 0) ? "IN_PROGRESS" : "COMPLETED",
            ["SrcVersions"] = new JsonObject { ["SrcVersion"] = new JsonArray(job.SrcVersions.Select(v => (JsonNode)v).ToArray()) },
            ["NeedPush"] = job.NeedPush,
            ["DownloadProtocol"] = "HTTPS",
            ["Tags"] = new JsonObject
            {
                ["OtaTagDTO"] = new JsonArray(job.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray()),
            },
            ["UtcCreate"] = Iso(job.CreatedMs),
            ["UtcStartTime"] = Iso(job.CreatedMs),
            ["UrlExpirySeconds"] = job.UrlExpirySeconds,
            ["TaskCounts"] = countsNode,
        };
    }

    Task<JsonObject> ListOTATaskByJobAsync(ApiRequest r)
    {
        OtaJob job = Ota.RequireJob(r.Required("JobId"));
        (int page, int size) = Paging(r, 100);
        string? status = r.Optional("TaskStatus");
        if (status != null && !OtaTaskStatus.All.Contains(status)) throw ApiRequest.Invalid("TaskStatus must be one of " + string.Join(", ", OtaTaskStatus.All));
        (List<OtaTask> tasks, int total) = store.ListTasksByJob(job.JobId, status, r.StringList("DeviceNames"), (page - 1) * size, size);
        string? productName = store.GetProduct(job.ProductKey)?.ProductName;
        var list = new JsonArray(tasks.Select(t => (JsonNode)new JsonObject
        {
            ["TaskId"] = t.TaskId,
            ["JobId"] = t.JobId,
            ["FirmwareId"] = t.FirmwareId,
            ["ProductKey"] = t.ProductKey,
            ["ProductName"] = productName,
            ["DeviceName"] = t.DeviceName,
            ["IotId"] = store.GetDevice(t.ProductKey, t.DeviceName)?.IotId,
            ["SrcVersion"] = t.SrcVersion,
            ["DestVersion"] = t.DestVersion,
            ["TaskStatus"] = t.Status,
            ["Progress"] = t.Progress,
            ["TaskDesc"] = t.TaskDesc,
            ["UtcCreate"] = Iso(t.CreatedMs),
            ["UtcModified"] = Iso(t.ModifiedMs),
        }).ToArray());
        return Task.FromResult(Paged(Data(new JsonObject { ["SimpleOTATaskInfo"] = list }), total, page, size));
    }

    // At least one flag must be true, as on the platform; scheduled and unconfirmed tasks do not exist here.
    async Task<JsonObject> CancelOTATaskByJobAsync(ApiRequest r)
    {
        string jobId = r.Required("JobId");
        var statuses = new List<string>();
        if (r.Bool("CancelQueuedTask") == true) statuses.Add(OtaTaskStatus.Queued);
        if (r.Bool("CancelNotifiedTask") == true) statuses.Add(OtaTaskStatus.Notified);
        if (r.Bool("CancelInProgressTask") == true) statuses.Add(OtaTaskStatus.InProgress);
        if (statuses.Count == 0 && r.Bool("CancelScheduledTask") != true && r.Bool("CancelUnconfirmedTask") != true)
            throw ApiRequest.Invalid("set at least one of CancelQueuedTask, CancelNotifiedTask, CancelInProgressTask, CancelScheduledTask, CancelUnconfirmedTask");
        Ota.RequireJob(jobId);
        if (statuses.Count > 0) await Ota.CancelTasksAsync(jobId, statuses).ConfigureAwait(false);
        return new JsonObject();
    }

    // ------------------------------------------------------------------------------------------ versions and faults

    // The latest version of each module (History true: every report, newest first), with when it was reported (UtcReported).
    Task<JsonObject> ListOTAModuleVersionsByDeviceAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        (int page, int size) = Paging(r, 200);
        List<ModuleVersion> versions = r.Bool("History") == true ? store.GetVersionReports(d.ProductKey, d.DeviceName) : store.GetModuleVersions(d.ProductKey, d.DeviceName);
        var list = new JsonArray(versions.Skip((page - 1) * size).Take(size).Select(v => (JsonNode)new JsonObject
        {
            ["ProductKey"] = d.ProductKey,
            ["DeviceName"] = d.DeviceName,
            ["IotId"] = d.IotId,
            ["ModuleName"] = v.ModuleName,
            ["ModuleVersion"] = v.Version,
            ["UtcReported"] = Iso(v.ReportedMs),
        }).ToArray());
        return Task.FromResult(Paged(Data(new JsonObject { ["SimpleOTAModuleInfo"] = list }), versions.Count, page, size));
    }

    // FirmwareId or ConfigId names the file the rule is for (a configuration file rides the same downloads); neither: every download.
    Task<JsonObject> SetOTADownloadFaultAsync(ApiRequest r)
    {
        string? firmwareId = r.Optional("FirmwareId"), configId = r.Optional("ConfigId");
        if (firmwareId != null && configId != null) throw ApiRequest.Invalid("give FirmwareId or ConfigId, not both");
        if (firmwareId != null) Ota.RequireFirmware(firmwareId);
        if (configId != null) cloud.RemoteConfig.RequireConfig(configId);
        var fault = new DownloadFault(r.OptionalLong("CutAfterBytes", 0, long.MaxValue), r.OptionalLong("CorruptByteAt", 0, long.MaxValue),
            r.OptionalLong("BytesPerSecond", 1, long.MaxValue));
        if (fault == new DownloadFault(null, null, null)) throw ApiRequest.Invalid("give at least one of CutAfterBytes, CorruptByteAt and BytesPerSecond");
        Ota.Downloads.Faults.Set(firmwareId ?? configId, fault, (int)r.Long("Times", 1, 1, int.MaxValue));
        return Task.FromResult(new JsonObject());
    }

    Task<JsonObject> ClearOTADownloadFaultsAsync(ApiRequest r)
    {
        Ota.Downloads.Faults.Clear();
        return Task.FromResult(new JsonObject());
    }

    // ------------------------------------------------------------------------------------------ paging

    static (int Page, int Size) Paging(ApiRequest r, int maxSize) => ((int)r.Long("CurrentPage", 1, 1, 100_000), (int)r.Long("PageSize", 10, 1, maxSize));

    static JsonObject Paged(JsonObject answer, int total, int page, int size)
    {
        answer["Total"] = total;
        answer["PageSize"] = size;
        answer["PageCount"] = (total + size - 1) / size;
        answer["CurrentPage"] = page;
        return answer;
    }
}
