using System.Text.Json;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Downloads;
using LinkKit.Emulator.Registry;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Ota;

/// <summary>A file for CreateOTAFirmware: its name in URLs, and how to read its bytes (base64 from the call, or a local file).</summary>
public sealed record FirmwareSource(string Name, Func<Stream> Open);

/// <summary>What CreateOTAFirmware asks for (checked by the control API).</summary>
public sealed record FirmwareRequest(string ProductKey, string FirmwareName, string DestVersion, string? SrcVersion, string ModuleName,
    string SignMethod, int Type, string? Desc, string? Udi, IReadOnlyList<FirmwareSource> Files);

/// <summary>What CreateOTAStaticUpgradeJob asks for (checked by the control API; named devices exist).</summary>
public sealed record JobRequest(string FirmwareId, string ProductKey, bool AllDevices, IReadOnlyList<string> DeviceNames,
    IReadOnlyList<string> SrcVersions, bool NeedPush, long UrlExpirySeconds, IReadOnlyList<KeyValuePair<string, string>> Tags);

/// <summary>
/// The platform's OTA side (docs/protocol.md, OTA): the firmware store, static upgrade jobs with one task per device, the
/// versions devices report (which complete tasks), their progress (which moves or fails tasks), pushes to online devices and
/// to devices as they log in, and the firmware/get answer. The files are downloaded from the HTTPS listener under
/// <c>/ota/{firmwareId}/{fileName}</c> (<see cref="DownloadSite"/>).
/// </summary>
public sealed class OtaService(EmulatorStore store, IDownlink downlink, FirmwareFiles files, DownloadSite site, ILogger log, Func<long> clock)
    : IDownloadSource
{
    /// <summary>The module a report or query without one means.</summary>
    public const string DefaultModule = "default";

    /// <summary>How long a download URL stays valid unless the job says otherwise (24 h).</summary>
    public const long DefaultUrlExpirySeconds = 24 * 3600;

    public DownloadSite Downloads => site;

    public string Area => "ota";

    static string NewId(string suffix) => AlinkCloud.RandomText(22) + suffix;

    static CloudApiException Invalid(string message) => new("InvalidParameter", message);

    // ------------------------------------------------------------------------------------------ firmware

    /// <summary>Stores the files (size and digests computed here) and the firmware record.</summary>
    public async Task<OtaFirmware> CreateFirmwareAsync(FirmwareRequest request)
    {
        string id = NewId("0100");
        try
        {
            var saved = new List<OtaFile>(request.Files.Count);
            foreach (FirmwareSource source in request.Files)
            {
                await using Stream content = Open(source);
                saved.Add(await files.SaveAsync(id, source.Name, content).ConfigureAwait(false));
            }
            var firmware = new OtaFirmware(id, request.ProductKey, request.FirmwareName, request.DestVersion, request.SrcVersion, request.ModuleName,
                request.SignMethod, request.Type, request.Desc, request.Udi, clock(), saved);
            if (!await store.CreateFirmwareAsync(firmware).ConfigureAwait(false))
                throw new CloudApiException("iot.ota.FirmwareNameExisted", "a firmware named " + request.FirmwareName + " exists");
            log.LogInformation("firmware {Id} ({Name} {Version}, module {Module}): {Files}", id, firmware.FirmwareName, firmware.DestVersion,
                firmware.ModuleName, string.Join(", ", saved.Select(f => f.Name + " " + f.Size + " B")));
            return firmware;
        }
        catch
        {
            files.Delete(id);
            throw;
        }
    }

    static Stream Open(FirmwareSource source)
    {
        try
        {
            return source.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid("cannot read the file for " + source.Name + ": " + ex.Message);
        }
    }

    public OtaFirmware RequireFirmware(string firmwareId) => store.GetFirmware(firmwareId) ??
        throw new CloudApiException("iot.ota.NotExistedFirmware", "no firmware with FirmwareId " + firmwareId);

    /// <summary>Deletes a firmware, its jobs, tasks and files; refused while one of its tasks is unfinished.</summary>
    public async Task DeleteFirmwareAsync(string firmwareId)
    {
        RequireFirmware(firmwareId);
        if (!await store.DeleteFirmwareAsync(firmwareId).ConfigureAwait(false))
            throw new CloudApiException("iot.ota.FirmwareInUse", "firmware " + firmwareId + " has unfinished upgrade tasks (CancelOTATaskByJob cancels them)");
        files.Delete(firmwareId);
    }

    /// <summary>A URL for one file, valid for the default 24 h (QueryOTAFirmware's FirmwareUrl); null while the listener is off.</summary>
    public string? FileUrl(OtaFirmware firmware, OtaFile file) => site.Url(this, firmware.FirmwareId, file.Name, DefaultUrlExpirySeconds);

    /// <summary>A firmware file for the download listener; its faults are set under the FirmwareId.</summary>
    public ServedFile? Find(string firmwareId, string fileName) =>
        store.GetFirmware(firmwareId)?.Files.FirstOrDefault(f => f.Name == fileName) is OtaFile file
            ? new ServedFile(file.Size, file.Md5, firmwareId, () => files.OpenRead(firmwareId, fileName))
            : null;

    // ------------------------------------------------------------------------------------------ jobs

    public OtaJob RequireJob(string jobId) => store.GetJob(jobId) ?? throw new CloudApiException("iot.ota.NotExistedJob", "no job with JobId " + jobId);

    /// <summary>
    /// Creates a job with one task per target device and pushes to the targets that are online (unless NeedPush is false).
    /// A device that already reports the destination version gets a SUCCEEDED task, one with an unfinished task of another job
    /// for the module a FAILED one; a named device outside the source versions a FAILED one, while ALL simply leaves such devices out.
    /// </summary>
    public async Task<OtaJob> CreateStaticJobAsync(JobRequest request)
    {
        OtaFirmware firmware = RequireFirmware(request.FirmwareId);
        if (firmware.ProductKey != request.ProductKey) throw Invalid("firmware " + firmware.FirmwareId + " belongs to product " + firmware.ProductKey);
        if (site.BaseUri == null) throw new CloudApiException("iot.ota.DownloadListenerOff", "the HTTPS download listener is off (--ota-port)");
        string pk = request.ProductKey, module = firmware.ModuleName;
        long now = clock();
        Dictionary<string, string> versions = store.ModuleVersionsOfProduct(pk, module);
        Dictionary<string, string> busy = store.UnfinishedJobsOfModule(pk, module);
        // A difference package fits only the version it was made from.
        IReadOnlyList<string> sources = request.SrcVersions.Count > 0 || firmware.Type == 0 || firmware.SrcVersion == null ? request.SrcVersions : [firmware.SrcVersion];
        var job = new OtaJob(NewId("0200"), firmware.FirmwareId, pk, request.AllDevices ? "ALL" : "SPECIFIC", request.SrcVersions, request.NeedPush,
            request.UrlExpirySeconds, request.Tags, now);
        IEnumerable<string> targets = request.AllDevices ? store.ListDevices(pk).Select(d => d.DeviceName) : request.DeviceNames.Distinct();
        var tasks = new List<OtaTask>();
        foreach (string dn in targets)
        {
            string? current = versions.GetValueOrDefault(dn);
            (string Status, string Progress, string Desc) state;
            if (current == firmware.DestVersion) state = (OtaTaskStatus.Succeeded, "100", "the device already reports version " + current);
            else if (busy.TryGetValue(dn, out string? otherJob)) state = (OtaTaskStatus.Failed, "0", "the device has an unfinished task of job " + otherJob + " for module " + module);
            else if (sources.Count > 0 && !sources.Contains(current ?? ""))
            {
                if (request.AllDevices) continue;
                state = (OtaTaskStatus.Failed, "0", "module " + module + " reports " + (current ?? "no version") + ", not one of " + string.Join(", ", sources));
            }
            else state = (OtaTaskStatus.Queued, "0", "");
            tasks.Add(new OtaTask(NewId("0300"), job.JobId, firmware.FirmwareId, pk, dn, module, current, firmware.DestVersion, state.Status, state.Progress,
                state.Desc, now, now));
        }
        await store.CreateJobAsync(job, tasks).ConfigureAwait(false);
        log.LogInformation("job {Job}: firmware {Firmware} to {Count} devices of {Pk}", job.JobId, firmware.FirmwareId, tasks.Count, pk);
        if (request.NeedPush)
            await PushAsync(firmware, job, tasks.Where(t => t.Status == OtaTaskStatus.Queued && downlink.IsOnline(pk, t.DeviceName)).ToList()).ConfigureAwait(false);
        return job;
    }

    /// <summary>Cancels the job's tasks in the given states; returns how many. The device is not told (the platform has no such message).</summary>
    public Task<int> CancelTasksAsync(string jobId, IReadOnlyList<string> statuses)
    {
        RequireJob(jobId);
        return store.CancelTasksAsync(jobId, statuses, "canceled by CancelOTATaskByJob", clock());
    }

    // QUEUED tasks become NOTIFIED before their push leaves, so that a device answering at once finds its task notified.
    async Task PushAsync(OtaFirmware firmware, OtaJob job, IReadOnlyList<OtaTask> tasks)
    {
        if (tasks.Count == 0) return;
        await store.MarkNotifiedAsync(tasks.Where(t => t.Status == OtaTaskStatus.Queued).Select(t => t.TaskId).ToList(), clock()).ConfigureAwait(false);
        foreach (OtaTask task in tasks)
        {
            byte[] push = UpgradeMessages.Push(long.Parse(MessageIds.NextAlinkId()), UpgradeData(firmware, job));
            await downlink.PublishAsync($"/ota/device/upgrade/{task.ProductKey}/{task.DeviceName}", push, 1).ConfigureAwait(false);
            log.LogInformation("{Pk}/{Dn}: upgrade to {Version} pushed (job {Job}, module {Module})", task.ProductKey, task.DeviceName,
                task.DestVersion, job.JobId, task.ModuleName);
        }
    }

    // Fresh URLs each time: a device that comes back after its URL expired gets a working one.
    string UpgradeData(OtaFirmware firmware, OtaJob job) => UpgradeMessages.Data(firmware,
        firmware.Files.Select(f => site.Url(this, firmware.FirmwareId, f.Name, job.UrlExpirySeconds)!).ToList(), job.Tags);

    // ------------------------------------------------------------------------------------------ the device side

    /// <summary>
    /// A device with a server-side subscription logged in: every unfinished task of it is pushed again (QUEUED ones become
    /// NOTIFIED), as the platform re-checks a device when it comes online.
    /// </summary>
    public async Task OnLoginAsync(string productKey, string deviceName)
    {
        List<OtaTask> tasks = store.GetUnfinishedTasks(productKey, deviceName);
        if (tasks.Count == 0) return;
        if (site.BaseUri == null)
        {
            log.LogWarning("{Pk}/{Dn}: {Count} upgrade tasks wait, but the HTTPS download listener is off", productKey, deviceName, tasks.Count);
            return;
        }
        foreach (IGrouping<string, OtaTask> ofJob in tasks.GroupBy(t => t.JobId))
        {
            OtaJob job = RequireJob(ofJob.Key);
            if (job.NeedPush) await PushAsync(RequireFirmware(job.FirmwareId), job, ofJob.ToList()).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>/ota/device/inform</c> <c>{"id":…,"params":{"version":"1.0.0","module":"default"}}</c>: the module's version is recorded,
    /// and the device's unfinished task that installs that version succeeds.
    /// </summary>
    public async Task OnVersionReportAsync(string productKey, string deviceName, byte[] payload)
    {
        using JsonDocument? doc = AlinkJson.TryParseObject(payload);
        JsonElement parameters = ParamsOf(doc);
        if (parameters.GetString("version") is not { Length: > 0 } version)
        {
            log.LogWarning("{Pk}/{Dn}: version report without params.version ignored", productKey, deviceName);
            return;
        }
        string module = ModuleOf(parameters.GetString("module"));
        int succeeded = await store.ReportVersionAsync(productKey, deviceName, module, version, clock()).ConfigureAwait(false);
        log.LogInformation("{Pk}/{Dn}: module {Module} reports version {Version}{Done}", productKey, deviceName, module, version,
            succeeded > 0 ? "; its upgrade task succeeded" : "");
    }

    /// <summary>
    /// <c>/ota/device/progress</c> <c>{"id":…,"params":{"step":"45","desc":"…","module":"x"}}</c>: step 0–100 moves the module's
    /// unfinished task to IN_PROGRESS, a negative step (-1 upgrade, -2 download, -3 digest, -4 write failed) fails it.
    /// </summary>
    public async Task OnProgressAsync(string productKey, string deviceName, byte[] payload)
    {
        using JsonDocument? doc = AlinkJson.TryParseObject(payload);
        JsonElement parameters = ParamsOf(doc);
        if (!TryStep(parameters, out int step) || step > 100)
        {
            log.LogWarning("{Pk}/{Dn}: progress report without a numeric step of at most 100 ignored", productKey, deviceName);
            return;
        }
        string module = ModuleOf(parameters.GetString("module"));
        string desc = parameters.GetString("desc") is { Length: > 0 } d ? d : StepMeaning(step);
        OtaTask? task = await store.ReportProgressAsync(productKey, deviceName, module, step, desc, clock()).ConfigureAwait(false);
        if (task == null) log.LogInformation("{Pk}/{Dn}: progress {Step} on module {Module}, which has no unfinished task", productKey, deviceName, step, module);
        else log.LogInformation("{Pk}/{Dn}: task {Task} {Status} at step {Step}", productKey, deviceName, task.TaskId, task.Status, step);
    }

    /// <summary>
    /// What firmware/get answers for a module (none: <c>default</c>): the upgrade data of the device's unfinished task for it, with
    /// fresh URLs (a QUEUED task becomes NOTIFIED), or <c>{}</c> when there is none. A FAILED or CANCELED task is not offered again.
    /// </summary>
    public async Task<string> PendingUpgradeDataAsync(string productKey, string deviceName, string? module)
    {
        module = ModuleOf(module);
        OtaTask? task = store.GetUnfinishedTasks(productKey, deviceName).FirstOrDefault(t => t.ModuleName == module);
        if (task == null || site.BaseUri == null) return "{}";
        if (task.Status == OtaTaskStatus.Queued) await store.MarkNotifiedAsync([task.TaskId], clock()).ConfigureAwait(false);
        OtaJob job = RequireJob(task.JobId);
        return UpgradeData(RequireFirmware(job.FirmwareId), job);
    }

    public static string ModuleOf(string? module) => string.IsNullOrEmpty(module) ? DefaultModule : module;

    static JsonElement ParamsOf(JsonDocument? doc) =>
        doc != null && doc.RootElement.TryGetProperty("params", out JsonElement p) && p.ValueKind == JsonValueKind.Object ? p : default;

    // The step is a string holding a number on the wire ("45"); a bare number is accepted too.
    static bool TryStep(JsonElement parameters, out int step)
    {
        step = 0;
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("step", out JsonElement s)) return false;
        return s.ValueKind == JsonValueKind.String ? int.TryParse(s.GetString(), out step) : s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out step);
    }

    static string StepMeaning(int step) => step switch
    {
        -1 => "upgrade failed",
        -2 => "download failed",
        -3 => "digest check failed",
        -4 => "writing the firmware failed",
        < 0 => "failed",
        _ => "",
    };
}
