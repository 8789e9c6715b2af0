using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Alink;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Load;

public sealed class LoadSettings
{
    /// <summary>Simulated devices; null: 1000 with the in-process emulator, every device of the credentials file with a target.</summary>
    public int? Devices { get; set; }
    public int Seconds { get; set; } = 60;
    /// <summary>In-process emulator only: connect over TLS (with a target, <see cref="TlsCaFile"/> selects TLS).</summary>
    public bool UseTls { get; set; }
    /// <summary>Worker processes; 0: one per 5,000 devices.</summary>
    public int Workers { get; set; }
    /// <summary>Connections each worker opens at a time.</summary>
    public int ConnectParallelism { get; set; } = 100;
    /// <summary>How long to wait for replies still outstanding when the posting stops.</summary>
    public int GraceSeconds { get; set; } = 5;
    /// <summary>An emulator already running, <c>HOST:PORT</c> of its MQTT listener; null starts one in-process.</summary>
    public string? Target { get; set; }
    /// <summary>With <see cref="Target"/>: the devices, one <c>ProductKey,DeviceName,DeviceSecret</c> line each.</summary>
    public string? CredentialsFile { get; set; }
    /// <summary>With <see cref="Target"/>: the emulator's control API (<c>http://HOST:PORT</c>), polled for its status.</summary>
    public string? ApiUrl { get; set; }
    /// <summary>With <see cref="Target"/>: PEM of the CA of the target's TLS listener; connects over TLS when set.</summary>
    public string? TlsCaFile { get; set; }
}

/// <summary>One worker process's part of a run.</summary>
public sealed record WorkerSummary(int Devices, int Connected, long Sent, double CpuSeconds, double PostingSeconds, long AllocatedBytes,
    long PeakWorkingSetBytes)
{
    public double CpuPerSecond => PostingSeconds > 0 ? CpuSeconds / PostingSeconds : 0;
    public double AllocatedPerPost => Sent > 0 ? (double)AllocatedBytes / Sent : 0;
}

public sealed record LoadReport(
    int Devices, int Connected, IReadOnlyDictionary<string, int> ConnectFailures, double ConnectSeconds, double RunSeconds,
    long Messages, long Offered, long Replies, long RepliesInRun, long ErrorReplies, long UnmatchedReplies, long ConnectionsLost,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, long? OnlineAtEnd, long? StoredHistoryRows,
    double? EmulatorCpuPerSecond, IReadOnlyList<WorkerSummary> Workers, IReadOnlyDictionary<string, double> StatusPeaks, string? LoadAverage)
{
    public int ConnectFailureCount => Devices - Connected;
    public long RepliesLost => Messages - Replies;
    public double ConnectRate => ConnectSeconds > 0 ? Connected / ConnectSeconds : 0;
    public double RepliedInRunPercent => Offered > 0 ? 100.0 * RepliesInRun / Offered : 0;

    public string ToText()
    {
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        t.AppendLine("== load result");
        t.AppendLine(c, $"devices            {Devices} ({Connected} connected, {ConnectFailureCount} failed) in {ConnectSeconds:F1} s, {ConnectRate:F0} devices/s");
        if (ConnectFailures.Count > 0)
            t.AppendLine("connect failures   " + string.Join(", ", ConnectFailures.Select(f => $"{f.Key} ×{f.Value}")));
        t.AppendLine(c, $"run                {RunSeconds:F1} s, one QoS 1 property post per device per second, {Workers.Count} worker process{(Workers.Count == 1 ? "" : "es")}");
        t.AppendLine(c, $"messages sent      {Messages} (offered {Offered} = connected × seconds)");
        t.AppendLine(c, $"replies received   {Replies} ({ErrorReplies} with a code other than 200){(UnmatchedReplies > 0 ? $", {UnmatchedReplies} unmatched" : "")}");
        t.AppendLine(c, $"replied in run     {RepliesInRun} = {RepliedInRunPercent:F2} % of the posts offered");
        t.AppendLine(c, $"replies lost       {RepliesLost}");
        if (ConnectionsLost > 0) t.AppendLine(c, $"connections lost   {ConnectionsLost} (closed during the run)");
        t.AppendLine(c, $"reply latency ms   p50 {P50Ms:F1}  p90 {P90Ms:F1}  p99 {P99Ms:F1}  max {MaxMs:F1}");
        t.AppendLine($"online at end      {OnlineAtEnd?.ToString(c) ?? "n/a"}");
        t.AppendLine(StoredHistoryRows is long rows ? $"history rows       {rows} (property values stored, 2 per post)" : "history rows       n/a");
        string workers = string.Join(", ", Workers.Select((w, i) => string.Format(c, "worker {0} {1:F2}", i + 1, w.CpuPerSecond)));
        double total = Workers.Sum(w => w.CpuPerSecond) + (EmulatorCpuPerSecond ?? 0);
        t.AppendLine(string.Format(c, "cpu s per wall s   emulator {0}, {1}, total {2:F2}",
            EmulatorCpuPerSecond is double e ? e.ToString("F2", c) + " (with the orchestrator)" : "n/a (another process)", workers, total));
        t.AppendLine("worker memory      " + string.Join(", ", Workers.Select(w =>
            string.Format(c, "{0} MB peak RSS, {1:F0} B allocated per post", w.PeakWorkingSetBytes / (1024 * 1024), w.AllocatedPerPost))));
        t.AppendLine("emulator peaks     " + (StatusPeaks.Count == 0 ? "none reported"
            : string.Join("  ", StatusPeaks.Select(p => string.Format(c, "{0} {1}", p.Key, p.Value)))));
        t.Append("load average       " + (LoadAverage ?? "n/a"));
        return t.ToString();
    }
}

/// <summary>
/// Load test orchestrator: starts an emulator in-process on loopback (temporary database) with N registered devices,
/// or uses one already running (<see cref="LoadSettings.Target"/>); spawns worker processes (<see cref="LoadWorker"/>)
/// that connect the devices with Python-SDK-style credentials (<c>_ss=1</c>, no SUBSCRIBE) and post one QoS 1 property
/// message per device per second; samples the emulator's status and CPU once a second and sums the workers' results.
/// The devices live in other processes so that their cost does not count against the emulator, and several workers
/// spread it over the cores.
/// </summary>
public static class LoadGenerator
{
    const string ProductKey = "a1LoadPK001";
    const string Tsl = """
        {"properties":[
          {"identifier":"temperature","name":"Temperature","accessMode":"rw","dataType":{"type":"float","specs":{"min":"-40","max":"120"}}},
          {"identifier":"counter","name":"Counter","accessMode":"r","dataType":{"type":"int","specs":{"min":"0","max":"100000000"}}}]}
        """;
    const int DevicesPerWorker = 5000;

    /// <summary>What the orchestrator can learn about the emulator: its status, its CPU time, its stored history (each may be unknown).</summary>
    sealed record EmulatorProbe(Func<Task<JsonObject?>>? Status, Func<TimeSpan>? Cpu, Func<long>? HistoryRows);

    public static async Task<LoadReport> RunAsync(LoadSettings settings, TextWriter progress)
    {
        progress = TextWriter.Synchronized(progress);      // worker lines arrive on several threads
        if (settings.Target is string target)
        {
            string credentials = settings.CredentialsFile ?? throw new ArgumentException("a target needs a credentials file");
            int available = LoadCredentials.Count(credentials);
            int devices = settings.Devices ?? available;
            if (devices > available) throw new ArgumentException($"{credentials} holds {available} devices, fewer than {devices}");
            using var http = settings.ApiUrl == null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? api = settings.ApiUrl?.TrimEnd('/');
            var probe = new EmulatorProbe(http == null ? null : () => HttpStatusAsync(http, api!), null, null);
            return await RunWorkersAsync(settings, target, credentials, devices, settings.TlsCaFile, probe, progress).ConfigureAwait(false);
        }

        string directory = Path.Combine(Path.GetTempPath(), "linkkit-load-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            // The emulator's warnings and errors are shown during the run. Once the result is in, the log is muted: posts
            // still queued when the workers disconnected fail one by one as the host stops, and the result counts them already.
            bool muted = false;
            using ILoggerFactory logging = LoggerFactory.Create(b => b
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                })
                .AddFilter((_, level) => level >= LogLevel.Warning && !muted));
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                DatabasePath = Path.Combine(directory, "load.db"),
                MqttPort = 0,
                MqttTlsPort = settings.UseTls ? 0 : null,
                ApiPort = null,
                AuthPort = null,
                OtaPort = null,
            }, logging).ConfigureAwait(false);
            await host.Cloud.CreateProductAsync(ProductKey, "load", null, Tsl, false, null).ConfigureAwait(false);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var devices = Enumerable.Range(0, settings.Devices ?? 1000)
                .Select(i => AlinkCloud.NewDevice(ProductKey, $"load-{i:D5}", null, now)).ToList();
            await host.Store.RegisterDevicesAsync(devices).ConfigureAwait(false);
            string credentials = Path.Combine(directory, "devices.csv");
            LoadCredentials.Write(credentials, devices.Select(d => new LoadDevice(d.ProductKey, d.DeviceName, d.DeviceSecret)));
            string? ca = null;
            if (settings.UseTls)
            {
                ca = Path.Combine(directory, "ca.pem");
                await File.WriteAllTextAsync(ca, host.CaCertificatePem).ConfigureAwait(false);
            }
            progress.WriteLine($"registered {devices.Count} devices");
            int port = (settings.UseTls ? host.MqttTlsPort : host.MqttPort)!.Value;
            // The in-process emulator's CPU includes this orchestrator's: small (a status sample a second, the workers' lines).
            var probe = new EmulatorProbe(() => Task.FromResult<JsonObject?>(host.Status()), LoadWorker.CpuTime, host.Store.CountPropertyHistory);
            LoadReport report = await RunWorkersAsync(settings, $"{host.Host}:{port}", credentials, devices.Count, ca, probe, progress).ConfigureAwait(false);
            muted = true;
            return report;
        }
        finally
        {
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    static async Task<LoadReport> RunWorkersAsync(LoadSettings settings, string target, string credentials, int devices, string? ca,
        EmulatorProbe probe, TextWriter progress)
    {
        int count = Math.Clamp(settings.Workers > 0 ? settings.Workers : (devices + DevicesPerWorker - 1) / DevicesPerWorker, 1, Math.Max(1, devices));
        var workers = new List<WorkerProcess>();
        try
        {
            for (int i = 0, from = 0; i < count; i++)
            {
                int n = devices / count + (i < devices % count ? 1 : 0);      // split evenly, the first ones take the remainder
                List<string> args =
                [
                    "load-worker", "--target", target, "--credentials", credentials, "--from", $"{from}", "--count", $"{n}",
                    "--seconds", $"{settings.Seconds}", "--start-at", "stdin", "--grace", $"{settings.GraceSeconds}",
                    "--connect-parallel", $"{settings.ConnectParallelism}", "--progress", "1",
                ];
                if (ca != null) args.AddRange(["--tls-ca", ca]);
                workers.Add(WorkerProcess.Start(i + 1, n, args, progress));
                from += n;
            }
            progress.WriteLine($"{count} worker process{(count == 1 ? "" : "es")} connecting {devices} devices ({settings.ConnectParallelism} at a time each)");
            await Task.WhenAll(workers.Select(w => w.Ready)).ConfigureAwait(false);

            // Everyone starts together, shortly after the last worker is connected.
            long startAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 500;
            foreach (WorkerProcess w in workers) w.Start(startAt);
            progress.WriteLine($"posting for {settings.Seconds} s");

            var peaks = new SortedDictionary<string, double>(StringComparer.Ordinal);
            await DelayUntilAsync(startAt).ConfigureAwait(false);
            var runWatch = Stopwatch.StartNew();
            TimeSpan? cpuAtStart = probe.Cpu?.Invoke();
            long? onlineAtEnd = null;
            double? emulatorCpu = null;
            double runSeconds = 0;
            for (int s = 1; s <= settings.Seconds; s++)
            {
                await DelayUntilAsync(startAt + s * 1000L).ConfigureAwait(false);
                JsonObject? data = await SampleAsync(probe, peaks).ConfigureAwait(false);
                if (s == settings.Seconds)
                {
                    runSeconds = runWatch.Elapsed.TotalSeconds;
                    if (cpuAtStart is TimeSpan c0) emulatorCpu = (probe.Cpu!() - c0).TotalSeconds / runSeconds;
                    onlineAtEnd = NumberOf(data?["OnlineDevices"]) is double online ? (long)online : null;
                }
                if (s % 10 == 0 || s == settings.Seconds) progress.WriteLine(ProgressLine(s, workers, data));
            }
            // The grace period: keep sampling (queues may peak while they drain) until every worker has reported.
            Task exited = Task.WhenAll(workers.Select(w => w.Exited));
            while (await Task.WhenAny(exited, Task.Delay(1000)).ConfigureAwait(false) != exited)
                await SampleAsync(probe, peaks).ConfigureAwait(false);
            await SampleAsync(probe, peaks).ConfigureAwait(false);

            return Summarize(settings, devices, workers, runSeconds, onlineAtEnd, probe.HistoryRows?.Invoke(), emulatorCpu, peaks);
        }
        finally
        {
            foreach (WorkerProcess w in workers) w.Dispose();      // kills a worker still running (an exception above)
        }
    }

    static LoadReport Summarize(LoadSettings settings, int devices, List<WorkerProcess> workers, double runSeconds, long? onlineAtEnd,
        long? historyRows, double? emulatorCpu, IReadOnlyDictionary<string, double> peaks)
    {
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var histogram = new LatencyHistogram();
        var summaries = new List<WorkerSummary>();
        int connected = 0;
        long sent = 0, replies = 0, inRun = 0, errors = 0, unmatched = 0, connectionsLost = 0;
        double connectSeconds = 0;
        foreach (WorkerProcess w in workers)
        {
            JsonObject? r = w.Result;
            if (r == null)
            {
                string reason = $"worker exited with code {w.ExitCode} before its result";
                failures[reason] = failures.GetValueOrDefault(reason) + w.Devices;
                summaries.Add(new WorkerSummary(w.Devices, 0, 0, 0, 0, 0, 0));
                continue;
            }
            foreach ((string reason, JsonNode? n) in r["connectFailures"]!.AsObject())
                failures[reason] = failures.GetValueOrDefault(reason) + n!.GetValue<int>();
            int c = r["connected"]!.GetValue<int>();
            connected += c;
            sent += r["sent"]!.GetValue<long>();
            replies += r["replies"]!.GetValue<long>();
            inRun += r["repliesInRun"]!.GetValue<long>();
            errors += r["errorReplies"]!.GetValue<long>();
            unmatched += r["unmatchedReplies"]!.GetValue<long>();
            connectionsLost += r["connectionsLost"]!.GetValue<long>();
            connectSeconds = Math.Max(connectSeconds, r["connectSeconds"]!.GetValue<double>());
            histogram.Merge(LatencyHistogram.Read(r["histogram"]));
            summaries.Add(new WorkerSummary(w.Devices, c, r["sent"]!.GetValue<long>(), r["cpuSeconds"]!.GetValue<double>(),
                r["postingSeconds"]!.GetValue<double>(), r["allocatedBytes"]!.GetValue<long>(), r["peakWorkingSetBytes"]!.GetValue<long>()));
        }
        return new LoadReport(devices, connected, failures, connectSeconds, runSeconds, sent, (long)connected * settings.Seconds,
            replies, inRun, errors, unmatched, connectionsLost,
            histogram.PercentileMs(0.50), histogram.PercentileMs(0.90), histogram.PercentileMs(0.99), histogram.PercentileMs(1),
            onlineAtEnd, historyRows, emulatorCpu, summaries, new Dictionary<string, double>(peaks), LoadAverage());
    }

    static string ProgressLine(int second, List<WorkerProcess> workers, JsonObject? data)
    {
        var line = new StringBuilder($"t={second}s sent={workers.Sum(w => w.Sent)} replies={workers.Sum(w => w.Replies)}");
        if (data != null)
        {
            line.Append(" online=").Append(data["OnlineDevices"]?.ToJsonString() ?? "?");
            foreach ((string name, JsonNode? value) in data)
                if (name.EndsWith("Depth", StringComparison.Ordinal) && NumberOf(value) is double d)
                    line.Append(' ').Append(name).Append('=').Append(d.ToString(CultureInfo.InvariantCulture));
        }
        return line.ToString();
    }

    /// <summary>Reads the status and raises the peaks of its numeric <c>…Depth</c> and <c>…Peak</c> fields; null when unavailable.</summary>
    static async Task<JsonObject?> SampleAsync(EmulatorProbe probe, SortedDictionary<string, double> peaks)
    {
        if (probe.Status == null) return null;
        JsonObject? data;
        try { data = (await probe.Status().ConfigureAwait(false))?["Data"] as JsonObject; }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException) { return null; }
        if (data == null) return null;
        foreach ((string name, JsonNode? value) in data)
        {
            if (!name.EndsWith("Depth", StringComparison.Ordinal) && !name.EndsWith("Peak", StringComparison.Ordinal)) continue;
            if (NumberOf(value) is double d) peaks[name] = Math.Max(d, peaks.GetValueOrDefault(name, double.MinValue));
        }
        return data;
    }

    static double? NumberOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;

    static async Task<JsonObject?> HttpStatusAsync(HttpClient http, string api)
    {
        using HttpResponseMessage response = await http.PostAsync(api + "/api/GetEmulatorStatus",
            new StringContent("{}", Encoding.UTF8, "application/json")).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)) as JsonObject;
    }

    static string? LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    static Task DelayUntilAsync(long unixMs)
    {
        long wait = unixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return wait > 0 ? Task.Delay(TimeSpan.FromMilliseconds(wait)) : Task.CompletedTask;
    }

    /// <summary>A <c>load-worker</c> child: its stderr lines are forwarded (progress lines kept as counters), its stdout is the result.</summary>
    sealed class WorkerProcess : IDisposable
    {
        readonly Process _process;
        readonly Task<string> _stdout;
        readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        long _sent, _replies;

        WorkerProcess(int devices, Process process)
        {
            Devices = devices;
            _process = process;
            _stdout = process.StandardOutput.ReadToEndAsync();
        }

        public int Devices { get; }
        /// <summary>Completes once the worker has connected its devices (or has exited).</summary>
        public Task Ready => _ready.Task;
        public Task Exited { get; private set; } = Task.CompletedTask;
        public long Sent => Interlocked.Read(ref _sent);
        public long Replies => Interlocked.Read(ref _replies);
        public int? ExitCode => _process.HasExited ? _process.ExitCode : null;
        public JsonObject? Result { get; private set; }

        public static WorkerProcess Start(int number, int devices, List<string> args, TextWriter progress)
        {
            (string file, string[] prefix) = WorkerCommand();
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in prefix.Concat(args)) start.ArgumentList.Add(a);
            var worker = new WorkerProcess(devices, Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file));
            Task errors = worker.PumpErrorsAsync($"[worker {number}] ", progress);
            worker.Exited = worker.FinishAsync(errors);
            return worker;
        }

        /// <summary>
        /// This same program: the apphost when running as one, else the assembly under the dotnet host (<c>dotnet
        /// linkkit-emulator.dll</c>, or a test runner hosting the assembly).
        /// </summary>
        static (string File, string[] Prefix) WorkerCommand()
        {
            string assembly = typeof(LoadGenerator).Assembly.Location;
            string? path = Environment.ProcessPath;
            string name = Path.GetFileNameWithoutExtension(path ?? "");
            if (path != null && name == "linkkit-emulator") return (path, []);
            if (path != null && name == "dotnet") return (path, [assembly]);
            return (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly]);
        }

        async Task PumpErrorsAsync(string prefix, TextWriter progress)
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is string line)
            {
                if (line == "ready") _ready.TrySetResult();
                else if (line.StartsWith("progress ", StringComparison.Ordinal)) ReadProgress(line);
                else progress.WriteLine(prefix + line);
            }
        }

        void ReadProgress(string line)
        {
            foreach (string part in line.Split(' '))
            {
                if (part.StartsWith("sent=", StringComparison.Ordinal) && long.TryParse(part[5..], out long s)) Interlocked.Exchange(ref _sent, s);
                if (part.StartsWith("replies=", StringComparison.Ordinal) && long.TryParse(part[8..], out long r)) Interlocked.Exchange(ref _replies, r);
            }
        }

        async Task FinishAsync(Task errors)
        {
            string stdout = await _stdout.ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _ready.TrySetResult();
            string? last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            try { Result = last == null ? null : JsonNode.Parse(last) as JsonObject; }
            catch (JsonException) { Result = null; }
        }

        /// <summary>Tells a connected worker when to start posting (it waits for this line on stdin).</summary>
        public void Start(long unixMs)
        {
            if (_process.HasExited) return;
            try
            {
                _process.StandardInput.WriteLine($"start {unixMs}");
                _process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // Exited meanwhile: its missing result is reported.
            }
        }

        public void Dispose()
        {
            try { if (!_process.HasExited) _process.Kill(); }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}
