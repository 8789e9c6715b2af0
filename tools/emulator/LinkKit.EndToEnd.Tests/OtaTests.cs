using System.Text.Json.Nodes;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using Xunit.Abstractions;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// Over-the-air updates between the SDK (OtaAgent, OtaDownloader over the host's TLS connector) and the emulator's
/// firmware store, jobs and HTTPS file server: a push downloaded through a cut connection, a corrupted file, a device
/// restarted mid-download, two modules.
/// </summary>
public sealed class OtaTests(ITestOutputHelper output)
{
    /// <summary>A firmware slot in memory: what the device's flash would hold, flushed or not.</summary>
    sealed class MemorySink : IFirmwareSink
    {
        public byte[] Data = [];
        public long Length;
        public long LastResumeAt = -1;
        public bool Completed;

        public long Open(int fileIndex, long size, long resumeAt)
        {
            LastResumeAt = resumeAt;
            if (Data.Length != size) Array.Resize(ref Data, (int)size);
            Completed = false;
            Length = Length >= resumeAt ? resumeAt : 0;
            return Length;
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, Data, Length, count);
            Length += count;
            return ErrorCode.Ok;
        }

        public int Flush() => ErrorCode.Ok;

        public int Complete()
        {
            Completed = true;
            return ErrorCode.Ok;
        }

        public void Discard() => Length = 0;
    }

    /// <summary>A device with OTA: the demo device, an agent, a downloader keeping its position in two files.</summary>
    sealed class OtaDevice : IDisposable
    {
        public readonly SdkDevice Device;
        public readonly OtaDownloader Downloader;
        public readonly OtaAgent Agent;
        public readonly System.Collections.Concurrent.BlockingCollection<(string Version, int Result)> Done = new();

        public OtaDevice(E2eEmulator emulator, MemorySink sink, string stateDirectory)
        {
            Device = SdkDevice.Demo(emulator);
            var slots = new FileSecretSlots(Path.Combine(stateDirectory, "ota_a.bin"), Path.Combine(stateDirectory, "ota_b.bin"));
            Downloader = new OtaDownloader(new SslStreamConnector(), emulator.CaPem, slots, new SystemClock()) { RetryMinMilliseconds = 50 };
            Agent = new OtaAgent(Device.Client, Downloader, sink);
            Agent.DownloadCompleted += (_, job, result) => Done.Add((job.GetVersion(), result));
        }

        public (string Version, int Result) NextDone() =>
            Done.TryTake(out var done, E2eEmulator.Wait) ? done : throw new TimeoutException("no download completed");

        public void Dispose() => Device.Dispose();
    }

    static byte[] Firmware(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    static async Task<string> CreateFirmwareAsync(E2eEmulator emulator, string version, byte[] bytes, string module = "default", string signMethod = "SHA256") =>
        (await emulator.CallAsync("CreateOTAFirmware", new
        {
            emulator.ProductKey, FirmwareName = "fw-" + module + "-" + version, DestVersion = version, ModuleName = module, SignMethod = signMethod,
            FirmwareBase64 = Convert.ToBase64String(bytes),
        }))["Data"]!["FirmwareId"]!.GetValue<string>();

    static async Task<string> CreateJobAsync(E2eEmulator emulator, string firmwareId) =>
        (await emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = firmwareId, emulator.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = new[] { emulator.DeviceName },
        }))["Data"]!["JobId"]!.GetValue<string>();

    // The task once it has the status (and the progress, when given): the device's reports are handled a moment after they leave.
    static async Task<JsonNode> TaskAsync(E2eEmulator emulator, string jobId, string status, string? progress = null) =>
        await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("ListOTATaskByJob", new { JobId = jobId }))["Data"]!["SimpleOTATaskInfo"]![0]!,
            task => task["TaskStatus"]!.GetValue<string>() == status && (progress == null || task["Progress"]!.GetValue<string>() == progress),
            "task " + status + (progress == null ? "" : " at " + progress));

    [Fact]
    public async Task Push_CutAtFortyPercent_ResumedByRange_Verified_NewVersionReported_TaskSucceeded()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        byte[] image = Firmware(200_000, 1);
        string firmwareId = await CreateFirmwareAsync(emulator, "2.0.0", image);
        await emulator.CallAsync("SetOTADownloadFault", new { FirmwareId = firmwareId, CutAfterBytes = 80_000 });
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        Assert.Equal(ErrorCode.Ok, ota.Agent.SetVersion("default", "1.0.0"));
        await ota.Device.ConnectAsync(emulator);

        string jobId = await CreateJobAsync(emulator, firmwareId);

        Assert.Equal(("2.0.0", ErrorCode.Ok), ota.NextDone());
        Assert.True(sink.Completed);
        Assert.Equal(image, sink.Data);
        Assert.Equal(2, ota.Downloader.Attempts);                  // cut at 40 %, then resumed with Range
        Assert.Equal(206, ota.Downloader.LastHttpStatus);
        JsonNode downloaded = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("ListOTATaskByJob", new { JobId = jobId }))["Data"]!["SimpleOTATaskInfo"]![0]!,
            task => task["Progress"]!.ToString() == "100", "progress 100");
        Assert.Equal("IN_PROGRESS", downloaded["TaskStatus"]!.GetValue<string>());

        // The application activates the image and, once it runs, reports the new version.
        Assert.Equal(ErrorCode.Ok, ota.Agent.SetVersion("default", "2.0.0"));
        await TaskAsync(emulator, jobId, "SUCCEEDED");
        JsonNode modules = (await emulator.CallAsync("ListOTAModuleVersionsByDevice", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!;
        Assert.Equal("2.0.0", modules["SimpleOTAModuleInfo"]![0]!["ModuleVersion"]!.GetValue<string>());
    }

    /// <summary>The download rate on loopback TLS, printed (a figure, never a pass/fail bound): 4 MiB through the emulator's server.</summary>
    [Fact]
    public async Task FourMebibytes_Downloaded_Verified_RatePrinted()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        byte[] image = Firmware(4 * 1024 * 1024, 7);
        string firmwareId = await CreateFirmwareAsync(emulator, "9.0.0", image);
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        ota.Agent.AutoDownload = false;
        var offers = new System.Collections.Concurrent.BlockingCollection<OtaJob>();
        ota.Agent.JobOffered += (_, job) =>
        {
            var copy = new OtaJob();
            job.CopyTo(copy);
            offers.Add(copy);
        };
        await ota.Device.ConnectAsync(emulator);
        await CreateJobAsync(emulator, firmwareId);
        Assert.True(offers.TryTake(out OtaJob? offer, E2eEmulator.Wait), "no offer");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(ErrorCode.Ok, ota.Agent.Download(offer!));
        watch.Stop();
        Assert.Equal(image, sink.Data);
        output.WriteLine($"ota: 4 MiB over loopback TLS in {watch.Elapsed.TotalMilliseconds:0} ms = {image.Length / 1048576.0 / watch.Elapsed.TotalSeconds:0.0} MiB/s " +
                         $"(2 KB chunks, SHA-256, position saved every 32 KB)");
    }

    [Fact]
    public async Task CorruptedFile_DigestMismatchReported_TaskFailed_NothingActivated()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        byte[] image = Firmware(50_000, 2);
        string firmwareId = await CreateFirmwareAsync(emulator, "2.0.0", image, signMethod: "MD5");
        await emulator.CallAsync("SetOTADownloadFault", new { FirmwareId = firmwareId, CorruptByteAt = 12_345 });
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        ota.Agent.SetVersion("default", "1.0.0");
        await ota.Device.ConnectAsync(emulator);

        string jobId = await CreateJobAsync(emulator, firmwareId);

        Assert.Equal(("2.0.0", ErrorCode.OtaDigestMismatch), ota.NextDone());
        Assert.False(sink.Completed);
        JsonNode task = await TaskAsync(emulator, jobId, "FAILED");
        Assert.Equal("-3", task["Progress"]!.ToString());
        Assert.Equal("1.0.0", ota.Agent.GetVersion("default"));
    }

    [Fact]
    public async Task DeviceKilledMidDownload_TheNextProcessResumesFromItsSavedPosition()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        byte[] image = Firmware(300_000, 3);
        string firmwareId = await CreateFirmwareAsync(emulator, "3.0.0", image);
        var sink = new MemorySink();
        string jobId;
        using (var first = new OtaDevice(emulator, sink, emulator.Directory))
        {
            // The process dies at 40 %: its connection drops and its download stops, with nothing said to the cloud.
            first.Downloader.Progress += (_, _, received, _) =>
            {
                if (received < 120_000 || first.Device.Client.State != LinkKitState.Connected) return;
                first.Device.Client.Disconnect();
                first.Downloader.Cancel();
            };
            first.Agent.SetVersion("default", "1.0.0");
            await first.Device.ConnectAsync(emulator);
            jobId = await CreateJobAsync(emulator, firmwareId);
            Assert.Equal(("3.0.0", ErrorCode.OtaCancelled), first.NextDone());
        }

        // A new process over the same flash: it asks for the pending job and resumes where the saved position says.
        using var second = new OtaDevice(emulator, sink, emulator.Directory);
        second.Agent.SetVersion("default", "1.0.0");
        await second.Device.ConnectAsync(emulator);
        Assert.Equal(ErrorCode.Ok, second.Agent.QueryFirmware(null));
        Assert.Equal(("3.0.0", ErrorCode.Ok), second.NextDone());
        Assert.Equal(image, sink.Data);
        Assert.InRange(sink.LastResumeAt, 3 * 32 * 1024, 120_000);  // the last 32 KB commit before the kill
        Assert.Equal(1, second.Downloader.Attempts);
        await TaskAsync(emulator, jobId, "IN_PROGRESS", "100");      // the report of 100 comes after the download is done
    }

    [Fact]
    public async Task ExpiredUrl_TheAgentAsksForAFreshOne_AndDownloads_NoFailureReported()
    {
        long now = E2eEmulator.FixedNowMs;
        await using E2eEmulator emulator = await E2eEmulator.StartAsync(o => o.Clock = () => Interlocked.Read(ref now));
        byte[] image = Firmware(60_000, 6);
        string firmwareId = await CreateFirmwareAsync(emulator, "2.0.0", image);
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        ota.Agent.AutoDownload = false;                              // the application decides when
        var offers = new System.Collections.Concurrent.BlockingCollection<OtaJob>();
        ota.Agent.JobOffered += (_, job) =>
        {
            var copy = new OtaJob();
            Assert.Equal(ErrorCode.Ok, job.CopyTo(copy));
            offers.Add(copy);
        };
        ota.Agent.SetVersion("default", "1.0.0");
        await ota.Device.ConnectAsync(emulator);
        string jobId = (await emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = firmwareId, emulator.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = new[] { emulator.DeviceName },
            UrlExpirySeconds = 60,
        }))["Data"]!["JobId"]!.GetValue<string>();
        Assert.True(offers.TryTake(out OtaJob? offer, E2eEmulator.Wait), "no offer");

        Interlocked.Add(ref now, 120_000);                          // the device waited two minutes: the pushed link expired
        Assert.Equal(ErrorCode.Ok, ota.Agent.Download(offer!));

        Assert.Equal(image, sink.Data);
        Assert.Equal(1, ota.Agent.UrlRefreshes);                    // a 403, a fresh query, the same file again
        JsonNode task = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("ListOTATaskByJob", new { JobId = jobId }))["Data"]!["SimpleOTATaskInfo"]![0]!,
            t => t["Progress"]!.ToString() == "100", "progress 100");
        Assert.Equal("IN_PROGRESS", task["TaskStatus"]!.GetValue<string>());   // never reported failed
        Assert.Empty(offers);                                       // the fresh links went to the download
    }

    [Fact]
    public async Task RemoteConfiguration_Queried_Pushed_Acknowledged_DownloadedAndVerified()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        var offers = new System.Collections.Concurrent.BlockingCollection<OtaJob>();
        ota.Agent.ConfigOffered += (_, job) =>
        {
            var copy = new OtaJob();
            job.CopyTo(copy);
            offers.Add(copy);
        };
        await ota.Device.ConnectAsync(emulator);
        const string first = "{\"sampleSeconds\":30,\"led\":\"on\"}";
        string configId = (await emulator.CallAsync("UpdateProductConfig", new { emulator.ProductKey, ConfigContent = first }))["Data"]!["ConfigId"]!.GetValue<string>();

        Assert.Equal(ErrorCode.Ok, ota.Agent.QueryConfig());
        Assert.True(offers.TryTake(out OtaJob? asked, E2eEmulator.Wait), "no answer to the query");
        Assert.Equal(configId, asked!.GetVersion());
        var configSink = new MemorySink();
        Assert.Equal(ErrorCode.Ok, ota.Agent.DownloadConfig(asked, configSink));
        Assert.Equal(first, System.Text.Encoding.UTF8.GetString(configSink.Data));

        const string second = "{\"sampleSeconds\":10,\"led\":\"off\"}";
        await emulator.CallAsync("UpdateProductConfig", new { emulator.ProductKey, ConfigContent = second });
        await emulator.CallAsync("PushProductConfig", new { emulator.ProductKey });
        Assert.True(offers.TryTake(out OtaJob? pushed, E2eEmulator.Wait), "no push");
        Assert.Equal(ErrorCode.Ok, ota.Agent.DownloadConfig(pushed!, configSink));
        Assert.Equal(second, System.Text.Encoding.UTF8.GetString(configSink.Data));
        JsonNode ack = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("ListProductConfigPushes", new { emulator.ProductKey }))["Data"]!,
            data => data.ToJsonString().Contains("\"ReplyCode\":200"), "the push acknowledged");
        Assert.Contains(emulator.DeviceName, ack.ToJsonString());
    }

    [Fact]
    public async Task TwoModules_BothDownloaded_EachReportedItsVersion()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        byte[] app = Firmware(40_000, 4), mcu = Firmware(30_000, 5);
        string appId = await CreateFirmwareAsync(emulator, "2.0.0", app);
        string mcuId = await CreateFirmwareAsync(emulator, "5.1", mcu, module: "mcu");
        var sink = new MemorySink();
        using var ota = new OtaDevice(emulator, sink, emulator.Directory);
        ota.Agent.SetVersion("default", "1.0.0");
        ota.Agent.SetVersion("mcu", "5.0");
        await ota.Device.ConnectAsync(emulator);

        string appJob = await CreateJobAsync(emulator, appId);
        string mcuJob = await CreateJobAsync(emulator, mcuId);

        var done = new[] { ota.NextDone(), ota.NextDone() }.OrderBy(d => d.Version).ToArray();
        Assert.Equal(new[] { ("2.0.0", ErrorCode.Ok), ("5.1", ErrorCode.Ok) }, done);
        ota.Agent.SetVersion("mcu", "5.1");
        ota.Agent.SetVersion("default", "2.0.0");
        await TaskAsync(emulator, appJob, "SUCCEEDED");
        await TaskAsync(emulator, mcuJob, "SUCCEEDED");
    }
}
