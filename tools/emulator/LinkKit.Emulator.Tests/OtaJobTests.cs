using System.Text.Json.Nodes;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Upgrade jobs as a device sees them: the push (to an online device at once, to an offline one at login), firmware/get,
/// version reports and progress moving the tasks, cancelling, and two modules on one device. dev-001 is online with _ss=1.
/// </summary>
public sealed class OtaJobTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";
    const string Upgrade = "/ota/device/upgrade/a1TestPK001/dev-001";
    const string Inform = "/ota/device/inform/a1TestPK001/dev-001";
    const string Progress = "/ota/device/progress/a1TestPK001/dev-001";
    const string Now = "2023-11-14T22:13:21.000Z";       // TestEmulator.FixedNowMs

    async Task<string> FirmwareAsync(string name = "fw-2.0.0", string version = "2.0.0", string module = "default", string base64 = OtaWire.HelloBase64) =>
        (await Emulator.CallAsync("CreateOTAFirmware", new { Vectors.ProductKey, FirmwareName = name, DestVersion = version, ModuleName = module, FirmwareBase64 = base64 }))
        ["Data"]!["FirmwareId"]!.GetValue<string>();

    async Task<string> JobAsync(string firmwareId, params string[] devices) =>
        (await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = firmwareId, Vectors.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = devices }))
        ["Data"]!["JobId"]!.GetValue<string>();

    async Task<JsonArray> TaskListAsync(object request) =>
        (await Emulator.CallAsync("ListOTATaskByJob", request))["Data"]!["SimpleOTATaskInfo"]!.AsArray();

    /// <summary>The tasks ListOTATaskByJob lists as "device STATUS progress desc", separated by " | ".</summary>
    async Task<string> TasksAsync(object request) => string.Join(" | ", (await TaskListAsync(request)).Select(t =>
        $"{t!["DeviceName"]} {t["TaskStatus"]} {t["Progress"]} {t["TaskDesc"]}".TrimEnd()));

    Task<string> TasksAsync(string jobId) => TasksAsync(new { JobId = jobId });

    Task<string> FirmwareGetAsync(string request) => Device.RequestAsync(Sys + "thing/ota/firmware/get", request, Sys + "thing/ota/firmware/get_reply");

    static string GetReply(string id, string data) =>
        $$"""{"code":200,"data":{{data}},"id":{{id}},"message":"success","method":"thing.ota.firmware.get","version":"1.0"}""";

    [Fact]
    public async Task Job_ToOnlineDevice_PushedAtOnce_TaskNotified()
    {
        string firmwareId = await FirmwareAsync();
        string jobId = await JobAsync(firmwareId, "dev-001");
        Assert.Matches("^[A-Za-z0-9]{22}0200$", jobId);
        var urls = new List<string>();
        Assert.Equal(OtaWire.HelloPush(), OtaWire.Normalize(await Device.NextTextAsync(Upgrade), urls));
        Assert.Contains($"/ota/{firmwareId}/firmware.bin?Expires=1700086401&", urls[0]);        // 24 h
        JsonNode task = (await TaskListAsync(new { JobId = jobId })).Single()!;
        string iotId = (await Emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["IotId"]!.GetValue<string>();
        Assert.Equal($$"""{"TaskId":"{{task["TaskId"]}}","JobId":"{{jobId}}","FirmwareId":"{{firmwareId}}","ProductKey":"a1TestPK001","ProductName":"capture","DeviceName":"dev-001","IotId":"{{iotId}}","SrcVersion":null,"DestVersion":"2.0.0","TaskStatus":"NOTIFIED","Progress":"0","TaskDesc":"","UtcCreate":"{{Now}}","UtcModified":"{{Now}}"}""",
            task.Json());
    }

    [Fact]
    public async Task Job_ToOfflineDevice_QueuedThenPushedAtLogin_AndAgainAtTheNextLogin()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        string jobId = await JobAsync(await FirmwareAsync(), "dev-002");
        Assert.Equal("dev-002 QUEUED 0", await TasksAsync(jobId));
        await using (TestDevice second = await TestDevice.SdkCStyleAsync(Emulator, "dev-002"))
        {
            Assert.Equal(OtaWire.HelloPush(), OtaWire.Normalize(await second.NextTextAsync("/ota/device/upgrade/a1TestPK001/dev-002")));
            Assert.Equal("dev-002 NOTIFIED 0", await TasksAsync(jobId));
            await second.PublishAsync("/ota/device/progress/a1TestPK001/dev-002", """{"id": "1", "params": {"step": "10", "desc": "downloading"}}""", 1);
        }
        // The task is still unfinished: the platform pushes again when the device comes back.
        await using TestDevice again = await TestDevice.SdkCStyleAsync(Emulator, "dev-002");
        Assert.Equal(OtaWire.HelloPush(), OtaWire.Normalize(await again.NextTextAsync("/ota/device/upgrade/a1TestPK001/dev-002")));
        Assert.Equal("dev-002 IN_PROGRESS 10 downloading", await TasksAsync(jobId));
    }

    [Fact]
    public async Task WithoutServerSideSubscription_NoLoginPush_FirmwareGetAnswers()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        string jobId = await JobAsync(await FirmwareAsync(), "dev-002");
        await using TestDevice second = await TestDevice.SdkCStyleAsync(Emulator, "dev-002", serverSideSubscription: false);
        await second.SubscribeAsync("/sys/a1TestPK001/dev-002/thing/ota/firmware/get_reply");
        Assert.Equal("dev-002 QUEUED 0", await TasksAsync(jobId));
        string reply = await second.RequestAsync("/sys/a1TestPK001/dev-002/thing/ota/firmware/get", """{"id":"3","params":{}}""",
            "/sys/a1TestPK001/dev-002/thing/ota/firmware/get_reply");
        Assert.Equal(GetReply("\"3\"", OtaWire.HelloData()), OtaWire.Normalize(reply));
        Assert.Equal("dev-002 NOTIFIED 0", await TasksAsync(jobId));
    }

    [Fact]
    public async Task FirmwareGet_EmptyDataWhenNothingPending_TheUpgradeDataWhenSomethingIs()
    {
        Assert.Equal(GetReply("\"7\"", "{}"), await FirmwareGetAsync("""{"id": "7", "params": {}}"""));
        await JobAsync(await FirmwareAsync(), "dev-001");
        await Device.NextTextAsync(Upgrade);
        // Python sends a numeric id and no method (wire capture); the id comes back as sent.
        Assert.Equal(GetReply("8", OtaWire.HelloData()), OtaWire.Normalize(await FirmwareGetAsync("""{"id": 8, "params": {"module": "default"}}""")));
        Assert.Equal(GetReply("\"9\"", "{}"), await FirmwareGetAsync("""{"id": "9", "params": {"module": "mcu"}}"""));
        Assert.Equal("""{"code":6300,"data":{},"id":"10","message":"method thing.ota.firmware.got does not match the topic","method":"thing.ota.firmware.get","version":"1.0"}""",
            await FirmwareGetAsync("""{"id": "10", "method": "thing.ota.firmware.got", "params": {}}"""));
    }

    [Fact]
    public async Task Progress_ThenInformOfTheDestinationVersion_Succeeds()
    {
        string firmwareId = await FirmwareAsync();
        string jobId = await JobAsync(firmwareId, "dev-001");
        await Device.NextTextAsync(Upgrade);
        await Device.PublishAsync(Progress, """{"id": "11", "params": {"step": "45", "desc": "downloading", "module": "default"}}""", 1);
        Assert.Equal("dev-001 IN_PROGRESS 45 downloading", await TasksAsync(jobId));
        JsonNode job = (await Emulator.CallAsync("QueryOTAJob", new { JobId = jobId }))["Data"]!;
        Assert.Equal($$$"""{"JobId":"{{{jobId}}}","FirmwareId":"{{{firmwareId}}}","ProductKey":"a1TestPK001","Name":"fw-2.0.0","DestVersion":"2.0.0","JobType":"UPGRADE_FIRMWARE","SelectionType":"STATIC","TargetSelection":"SPECIFIC","JobStatus":"IN_PROGRESS","SrcVersions":{"SrcVersion":[]},"NeedPush":true,"DownloadProtocol":"HTTPS","Tags":{"OtaTagDTO":[]},"UtcCreate":"{{{Now}}}","UtcStartTime":"{{{Now}}}","UrlExpirySeconds":86400,"TaskCounts":{"QUEUED":0,"NOTIFIED":0,"IN_PROGRESS":1,"SUCCEEDED":0,"FAILED":0,"CANCELED":0}}""",
            job.Json());

        await Device.PublishAsync(Progress, """{"id": "12", "params": {"step": 100, "desc": "written"}}""", 1);
        Assert.Equal("dev-001 IN_PROGRESS 100 written", await TasksAsync(jobId));
        await Device.PublishAsync(Inform, """{"id": "13", "params": {"version": "2.0.0"}}""", 1);
        Assert.Equal("dev-001 SUCCEEDED 100 the device reports version 2.0.0", await TasksAsync(jobId));
        job = (await Emulator.CallAsync("QueryOTAJob", new { JobId = jobId }))["Data"]!;
        Assert.Equal("COMPLETED", job["JobStatus"]!.GetValue<string>());
        Assert.Equal("""{"QUEUED":0,"NOTIFIED":0,"IN_PROGRESS":0,"SUCCEEDED":1,"FAILED":0,"CANCELED":0}""", job["TaskCounts"].Json());
        Assert.Equal(GetReply("\"14\"", "{}"), await FirmwareGetAsync("""{"id": "14", "params": {}}"""));
        Assert.True(Device.NothingPending);
    }

    [Fact]
    public async Task ListOTAJobByFirmware_NewestFirst_EachAsQueryOTAJobDescribesIt()
    {
        string firmwareId = await FirmwareAsync();
        string first = await JobAsync(firmwareId, "dev-001");
        await Device.NextTextAsync(Upgrade);
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        string second = await JobAsync(firmwareId, "dev-002");
        JsonObject listed = await Emulator.CallAsync("ListOTAJobByFirmware", new { FirmwareId = firmwareId, PageSize = 1, CurrentPage = 2 });
        Assert.Equal(2, listed["Total"]!.GetValue<int>());
        JsonNode only = listed["Data"]!["SimpleOTAJobInfo"]!.AsArray().Single()!;
        Assert.Equal((await Emulator.CallAsync("QueryOTAJob", new { JobId = first }))["Data"].Json(), only.Json());
        listed = await Emulator.CallAsync("ListOTAJobByFirmware", new { FirmwareId = firmwareId });
        Assert.Equal([second, first], listed["Data"]!["SimpleOTAJobInfo"]!.AsArray().Select(j => j!["JobId"]!.GetValue<string>()));
        Assert.Equal("iot.ota.NotExistedFirmware", (await Emulator.TryCallAsync("ListOTAJobByFirmware", new { FirmwareId = "nope" })).Code);
    }

    [Fact]
    public async Task NegativeStep_Fails_AndTheTaskIsNotOfferedAgain()
    {
        string jobId = await JobAsync(await FirmwareAsync(), "dev-001");
        await Device.NextTextAsync(Upgrade);
        await Device.PublishAsync(Progress, """{"id": "21", "params": {"step": "-2", "desc": ""}}""", 1);
        Assert.Equal("dev-001 FAILED -2 download failed", await TasksAsync(jobId));
        Assert.Equal(GetReply("\"22\"", "{}"), await FirmwareGetAsync("""{"id": "22", "params": {}}"""));
        // A failed task is final: later progress and even the new version leave it FAILED (a new job retries).
        await Device.PublishAsync(Progress, """{"id": "23", "params": {"step": "50", "desc": "retrying"}}""", 1);
        await Device.PublishAsync(Inform, """{"id": "24", "params": {"version": "2.0.0"}}""", 1);
        Assert.Equal("dev-001 FAILED -2 download failed", await TasksAsync(jobId));
        await Device.PublishAsync(Progress, """{"id": "25", "params": {"step": "-3", "desc": "md5 mismatch"}}""", 1);
        Assert.Equal("dev-001 FAILED -2 download failed", await TasksAsync(jobId));
    }

    [Fact]
    public async Task Cancel_ByStatus_AtLeastOneFlagRequired()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        string firmwareId = await FirmwareAsync();
        string jobId = await JobAsync(firmwareId, "dev-001", "dev-002");
        await Device.NextTextAsync(Upgrade);
        Assert.Equal("dev-001 NOTIFIED 0 | dev-002 QUEUED 0", await TasksAsync(jobId));
        Assert.Equal("iot.ota.FirmwareInUse", (await Emulator.TryCallAsync("DeleteOTAFirmware", new { FirmwareId = firmwareId })).Code);
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("CancelOTATaskByJob", new { JobId = jobId, CancelQueuedTask = false })).Code);

        await Emulator.CallAsync("CancelOTATaskByJob", new { JobId = jobId, CancelQueuedTask = true });
        Assert.Equal("dev-001 NOTIFIED 0 | dev-002 CANCELED 0 canceled by CancelOTATaskByJob", await TasksAsync(jobId));
        await Device.PublishAsync(Progress, """{"id": "31", "params": {"step": "5", "desc": "started"}}""", 1);
        await Emulator.CallAsync("CancelOTATaskByJob", new { JobId = jobId, CancelNotifiedTask = true });
        Assert.Equal("dev-001 IN_PROGRESS 5 started | dev-002 CANCELED 0 canceled by CancelOTATaskByJob", await TasksAsync(jobId));
        await Emulator.CallAsync("CancelOTATaskByJob", new { JobId = jobId, CancelInProgressTask = true });
        Assert.Equal("dev-001 CANCELED 5 canceled by CancelOTATaskByJob | dev-002 CANCELED 0 canceled by CancelOTATaskByJob", await TasksAsync(jobId));
        Assert.Equal(GetReply("\"32\"", "{}"), await FirmwareGetAsync("""{"id": "32", "params": {}}"""));

        // Nothing is pushed to the canceled device when it logs in; with nothing unfinished the firmware may go.
        await using TestDevice second = await TestDevice.SdkCStyleAsync(Emulator, "dev-002");
        Assert.Equal(GetReply("\"33\"", "{}"), await second.RequestAsync("/sys/a1TestPK001/dev-002/thing/ota/firmware/get", """{"id":"33","params":{}}""",
            "/sys/a1TestPK001/dev-002/thing/ota/firmware/get_reply"));
        await Emulator.CallAsync("DeleteOTAFirmware", new { FirmwareId = firmwareId });
        Assert.Equal("iot.ota.NotExistedJob", (await Emulator.TryCallAsync("QueryOTAJob", new { JobId = jobId })).Code);
    }

    [Fact]
    public async Task TwoModulesOnOneDevice_EachWithItsOwnTaskAndVersion()
    {
        string defaultJob = await JobAsync(await FirmwareAsync(), "dev-001");
        string mcuJob = await JobAsync(await FirmwareAsync("mcu-1.1.0", "1.1.0", "mcu", OtaWire.McuBase64), "dev-001");
        Assert.Equal(OtaWire.HelloPush(), OtaWire.Normalize(await Device.NextTextAsync(Upgrade)));
        string mcuData = $$"""{"size":4,"sign":"{{OtaWire.McuMd5}}","version":"1.1.0","isDiff":0,"url":"URL","signMethod":"Md5","md5":"{{OtaWire.McuMd5}}","module":"mcu"}""";
        Assert.Equal($$"""{"code":"1000","data":{{mcuData}},"id":ID,"message":"success"}""", OtaWire.Normalize(await Device.NextTextAsync(Upgrade)));
        Assert.Equal(GetReply("\"41\"", OtaWire.HelloData()), OtaWire.Normalize(await FirmwareGetAsync("""{"id": "41", "params": {}}""")));
        Assert.Equal(GetReply("\"42\"", mcuData), OtaWire.Normalize(await FirmwareGetAsync("""{"id": "42", "params": {"module": "mcu"}}""")));

        await Device.PublishAsync(Inform, """{"id": "43", "params": {"version": "1.1.0", "module": "mcu"}}""", 1);
        Assert.Equal("dev-001 NOTIFIED 0", await TasksAsync(defaultJob));
        Assert.Equal("dev-001 SUCCEEDED 100 the device reports version 1.1.0", await TasksAsync(mcuJob));
        await Device.PublishAsync(Inform, """{"id": "44", "params": {"version": "1.0.0", "module": "default"}}""", 1);
        Assert.Equal("dev-001 NOTIFIED 0", await TasksAsync(defaultJob));

        string iotId = (await Emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["IotId"]!.GetValue<string>();
        string Info(string module, string version) =>
            $$"""{"ProductKey":"a1TestPK001","DeviceName":"dev-001","IotId":"{{iotId}}","ModuleName":"{{module}}","ModuleVersion":"{{version}}","UtcReported":"{{Now}}"}""";
        JsonObject versions = await Emulator.CallAsync("ListOTAModuleVersionsByDevice", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal($$"""{"SimpleOTAModuleInfo":[{{Info("default", "1.0.0")}},{{Info("mcu", "1.1.0")}}]}""", versions["Data"].Json());
        Assert.Equal("2 10 1 1", $"{versions["Total"]} {versions["PageSize"]} {versions["PageCount"]} {versions["CurrentPage"]}");
        await Device.PublishAsync(Inform, """{"id": "45", "params": {"version": "1.0.1"}}""", 1);
        JsonObject history = await Emulator.CallAsync("ListOTAModuleVersionsByDevice", new { Vectors.ProductKey, Vectors.DeviceName, History = true });
        Assert.Equal($$"""{"SimpleOTAModuleInfo":[{{Info("default", "1.0.1")}},{{Info("default", "1.0.0")}},{{Info("mcu", "1.1.0")}}]}""", history["Data"].Json());
    }

    [Fact]
    public async Task DeviceAlreadyAtTheDestinationVersion_SucceedsWithoutAPush()
    {
        await Device.PublishAsync(Inform, """{"id": "51", "params": {"version": "2.0.0"}}""", 1);
        string jobId = await JobAsync(await FirmwareAsync(), "dev-001");
        Assert.Equal("dev-001 SUCCEEDED 100 the device already reports version 2.0.0", await TasksAsync(jobId));
        // The reply is the next message: no push came before it.
        Assert.Equal(GetReply("\"52\"", "{}"), await FirmwareGetAsync("""{"id": "52", "params": {}}"""));
    }

    [Fact]
    public async Task UnfinishedTaskOfAnotherJob_NewTaskForTheModuleFails()
    {
        string first = await JobAsync(await FirmwareAsync(), "dev-001");
        await Device.NextTextAsync(Upgrade);
        string second = await JobAsync(await FirmwareAsync("fw-2.1.0", "2.1.0"), "dev-001");
        Assert.Equal($"dev-001 FAILED 0 the device has an unfinished task of job {first} for module default", await TasksAsync(second));
        Assert.Equal(GetReply("\"61\"", OtaWire.HelloData()), OtaWire.Normalize(await FirmwareGetAsync("""{"id": "61", "params": {}}""")));
    }

    [Fact]
    public async Task AllDevices_SourceVersionsFilter_AndNamedDevicesOutsideThemFail()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        await Device.PublishAsync(Inform, """{"id": "71", "params": {"version": "1.0.0"}}""", 1);
        string firmwareId = await FirmwareAsync();
        string filtered = (await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = firmwareId, Vectors.ProductKey, TargetSelection = "ALL", SrcVersion = new[] { "1.0.0" } }))
            ["Data"]!["JobId"]!.GetValue<string>();
        Assert.Equal("dev-001 NOTIFIED 0", await TasksAsync(filtered));
        Assert.Equal("[\"1.0.0\"]", (await Emulator.CallAsync("QueryOTAJob", new { JobId = filtered }))["Data"]!["SrcVersions"]!["SrcVersion"].Json());
        string named = (await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = firmwareId, Vectors.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = new[] { "dev-002" }, SrcVersion = new[] { "1.0.0" },
        }))["Data"]!["JobId"]!.GetValue<string>();
        Assert.Equal("dev-002 FAILED 0 module default reports no version, not one of 1.0.0", await TasksAsync(named));
        string wifi = (await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = await FirmwareAsync("wifi", "3.0.0", "wifi"), Vectors.ProductKey, TargetSelection = "ALL" }))
            ["Data"]!["JobId"]!.GetValue<string>();
        Assert.Equal("dev-001 NOTIFIED 0 | dev-002 QUEUED 0", await TasksAsync(wifi));
        Assert.Equal("dev-002 QUEUED 0", await TasksAsync(new { JobId = wifi, TaskStatus = "QUEUED" }));
        Assert.Equal("dev-001 NOTIFIED 0", await TasksAsync(new { JobId = wifi, DeviceNames = new[] { "dev-001" } }));
        Assert.Equal("", await TasksAsync(new { JobId = wifi, TaskStatus = "QUEUED", DeviceNames = new[] { "dev-001" } }));
        JsonObject page = await Emulator.CallAsync("ListOTATaskByJob", new { JobId = wifi, PageSize = 1, CurrentPage = 2 });
        Assert.Equal("dev-002 2 1 2 2", $"{page["Data"]!["SimpleOTATaskInfo"]![0]!["DeviceName"]} {page["Total"]} {page["PageSize"]} {page["PageCount"]} {page["CurrentPage"]}");
    }

    [Fact]
    public async Task MultiFileFirmware_PushListsEveryFile()
    {
        string firmwareId = (await Emulator.CallAsync("CreateOTAFirmware", new
        {
            Vectors.ProductKey, FirmwareName = "pair", DestVersion = "3.0.0",
            MultiFiles = new object[] { new { Name = "app.bin", Base64 = OtaWire.HelloBase64 }, new { Name = "res.bin", Base64 = OtaWire.WorldBase64 } },
        }))["Data"]!["FirmwareId"]!.GetValue<string>();
        await JobAsync(firmwareId, "dev-001");
        var urls = new List<string>();
        Assert.Equal($$"""{"code":"1000","data":{"version":"3.0.0","isDiff":0,"signMethod":"Md5","files":[{"fileName":"app.bin","fileSize":5,"fileUrl":"URL","fileSign":"{{OtaWire.HelloMd5}}"},{"fileName":"res.bin","fileSize":5,"fileUrl":"URL","fileSign":"{{OtaWire.WorldMd5}}"}],"module":"default"},"id":ID,"message":"success"}""",
            OtaWire.Normalize(await Device.NextTextAsync(Upgrade), urls));
        Assert.Equal([$"/ota/{firmwareId}/app.bin?", $"/ota/{firmwareId}/res.bin?"], urls.Select(u => u[u.IndexOf("/ota/", StringComparison.Ordinal)..(u.IndexOf('?') + 1)]));
    }

    [Fact]
    public async Task Sha256Firmware_WithUdiAndJobTags_InExtData_NoMd5Key()
    {
        string firmwareId = (await Emulator.CallAsync("CreateOTAFirmware", new
        {
            Vectors.ProductKey, FirmwareName = "sha", DestVersion = "2.0.0", SignMethod = "SHA256", FirmwareBase64 = OtaWire.HelloBase64, Udi = """{"ota_notice":"fix"}""",
        }))["Data"]!["FirmwareId"]!.GetValue<string>();
        await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = firmwareId, Vectors.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = "dev-001", Tags = new[] { new { Key = "k", Value = "v" } },
        });
        Assert.Equal($$$"""{"code":"1000","data":{"size":5,"sign":"{{{OtaWire.HelloSha256}}}","version":"2.0.0","isDiff":0,"url":"URL","signMethod":"SHA256","module":"default","extData":{"k":"v","_package_udi":"{\"ota_notice\":\"fix\"}"}},"id":ID,"message":"success"}""",
            OtaWire.Normalize(await Device.NextTextAsync(Upgrade)));
    }

    [Fact]
    public async Task NeedPushFalse_NoPush_TheDeviceAsks()
    {
        string jobId = (await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = await FirmwareAsync(), Vectors.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = "dev-001", NeedPush = false,
        }))["Data"]!["JobId"]!.GetValue<string>();
        Assert.Equal("dev-001 QUEUED 0", await TasksAsync(jobId));
        Assert.Equal(GetReply("\"81\"", OtaWire.HelloData()), OtaWire.Normalize(await FirmwareGetAsync("""{"id": "81", "params": {}}""")));
        Assert.Equal("dev-001 NOTIFIED 0", await TasksAsync(jobId));
    }

    [Theory]
    [InlineData("""{"TargetSelection":"GRAY"}""", "InvalidParameter", "TargetSelection must be ALL or SPECIFIC (GRAY and GROUP are not modelled)")]
    [InlineData("""{"TargetSelection":"SPECIFIC"}""", "InvalidParameter", "SPECIFIC needs 1–200 TargetDeviceName")]
    [InlineData("""{"TargetSelection":"SPECIFIC","TargetDeviceName":["dev-404"]}""", "iot.device.NotExistedDevice", "device dev-404 does not exist")]
    [InlineData("""{"TargetSelection":"ALL","UrlExpirySeconds":0}""", "InvalidParameter", "UrlExpirySeconds must be between 1 and 604800")]
    public async Task CreateOTAStaticUpgradeJob_BadRequests_Refused(string extra, string code, string message)
    {
        string firmwareId = await FirmwareAsync();
        JsonObject body = JsonNode.Parse(extra)!.AsObject();
        body["FirmwareId"] = firmwareId;
        body["ProductKey"] = Vectors.ProductKey;
        var response = await Emulator.Host.Api.InvokeAsync("CreateOTAStaticUpgradeJob", body.ToJsonString());
        Assert.Equal((code, message), (response.Code, response.Body["ErrorMessage"]!.GetValue<string>()));
    }
}
