using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator.Load;

public sealed class LoadWorkerSettings
{
    /// <summary>The MQTT listener, <c>HOST:PORT</c>.</summary>
    public required string Target { get; init; }
    public required string CredentialsFile { get; init; }
    /// <summary>First device (0-based, data lines of the credentials file) and how many.</summary>
    public int From { get; init; }
    public int Count { get; init; }
    public int Seconds { get; init; } = 60;
    /// <summary>Unix ms when posting starts; null: after connecting, print <c>ready</c> on stderr and read <c>start UNIX_MS</c> from stdin.</summary>
    public long? StartAtUnixMs { get; init; }
    /// <summary>PEM file of the CA that signed the broker's certificate; connects over TLS when set.</summary>
    public string? TlsCaFile { get; init; }
    public int GraceSeconds { get; init; } = 5;
    public int ConnectParallelism { get; init; } = 100;
    /// <summary>Seconds between <c>progress sent=… replies=…</c> lines on stderr while posting.</summary>
    public int ProgressSeconds { get; init; } = 10;
}

/// <summary>
/// <c>linkkit-emulator load-worker</c>: drives a slice of the devices of a load run in its own process. Connects them,
/// waits for the common start time, has each post once a second (spread evenly over the second) for the run, waits for
/// the last replies and prints one JSON line with its counts, latency histogram and CPU use on stdout.
/// </summary>
public static class LoadWorker
{
    const int TickMs = 5;
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    static readonly TimeSpan PingWhenIdle = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(LoadWorkerSettings settings, TextReader input, TextWriter output, TextWriter log)
    {
        List<LoadDevice> devices = LoadCredentials.Read(settings.CredentialsFile, settings.From, settings.Count);
        if (devices.Count < settings.Count)
            throw new FormatException($"{settings.CredentialsFile} holds {settings.From + devices.Count} devices, fewer than {settings.From + settings.Count}");
        (string host, IPEndPoint endpoint) = await ResolveAsync(settings.Target).ConfigureAwait(false);
        using X509Certificate2? ca = settings.TlsCaFile == null ? null : X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(settings.TlsCaFile).ConfigureAwait(false));

        var stats = new LoadStats();
        LoadConnection[] connections = devices.Select(d => new LoadConnection(d, stats)).ToArray();
        using var stopPings = new CancellationTokenSource();
        Task pings = KeepAliveAsync(connections, stopPings.Token);

        // Connect K at a time: K lanes each taking the next device.
        log.WriteLine($"connecting {connections.Length} devices to {settings.Target}{(ca != null ? " (TLS)" : "")}, {settings.ConnectParallelism} at a time");
        var connectWatch = Stopwatch.StartNew();
        int next = -1;
        async Task Lane()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < connections.Length;)
                await connections[i].ConnectAsync(endpoint, host, ca, ConnectTimeout).ConfigureAwait(false);
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.ConnectParallelism)).Select(_ => Task.Run(Lane))).ConfigureAwait(false);
        double connectSeconds = connectWatch.Elapsed.TotalSeconds;
        int connected = connections.Count(c => c.Connected);
        var failures = connections.Where(c => !c.Connected).GroupBy(c => c.Failure ?? "unknown")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine($"{connected}/{connections.Length} connected in {connectSeconds:F1} s" +
                      (failures.Count == 0 ? "" : "; failed: " + string.Join(", ", failures.Select(f => $"{f.Key} ×{f.Value}"))));

        long startAt = settings.StartAtUnixMs ?? await WaitForStartAsync(input, log).ConfigureAwait(false);
        long startTicks = Stopwatch.GetTimestamp() + (startAt - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) * Stopwatch.Frequency / 1000;

        // The posts run on a thread of their own: a steady 5 ms tick whatever the thread pool is busy with.
        var posting = new TaskCompletionSource<(TimeSpan Cpu, double Seconds, long Allocated)>();
        var thread = new Thread(() =>
        {
            try { posting.SetResult(Schedule(connections, startTicks, settings.Seconds, stats)); }
            catch (Exception ex) { posting.SetException(ex); }
        }) { IsBackground = true, Name = "load scheduler" };
        thread.Start();
        using var stopProgress = new CancellationTokenSource();
        Task progress = ProgressAsync(stats, settings.ProgressSeconds, log, stopProgress.Token);
        (TimeSpan cpu, double postingSeconds, long allocated) = await posting.Task.ConfigureAwait(false);

        // Replies received by the end of the run's last second, then the grace period for the rest.
        TimeSpan untilEnd = TimeSpan.FromSeconds(settings.Seconds) - Stopwatch.GetElapsedTime(startTicks);
        if (untilEnd > TimeSpan.Zero) await Task.Delay(untilEnd).ConfigureAwait(false);
        long repliesInRun = stats.Replies;
        var grace = Stopwatch.StartNew();
        while (stats.Replies < stats.Sent && grace.Elapsed < TimeSpan.FromSeconds(settings.GraceSeconds))
            await Task.Delay(20).ConfigureAwait(false);
        stopProgress.Cancel();
        await progress.ConfigureAwait(false);

        stopPings.Cancel();
        await pings.ConfigureAwait(false);
        await Task.WhenAll(connections.Select(c => c.DisconnectAsync())).ConfigureAwait(false);

        using Process self = Process.GetCurrentProcess();
        output.WriteLine(ResultJson(connections.Length, connected, failures, connectSeconds, postingSeconds, stats, repliesInRun, cpu,
            allocated, self.PeakWorkingSet64));
        output.Flush();
        return 0;
    }

    /// <summary>
    /// Sends every post when it is due: device i of n posts at start + i/n s and then every second, so the whole slice
    /// posts at an even n per second. Post j of the run (device j mod n, second j div n) is due at start + j/n s.
    /// Returns the process CPU used, the wall time from the first to the last post and the bytes allocated meanwhile.
    /// </summary>
    static (TimeSpan Cpu, double Seconds, long Allocated) Schedule(LoadConnection[] connections, long startTicks, int seconds, LoadStats stats)
    {
        while (Stopwatch.GetTimestamp() < startTicks)
            Thread.Sleep((int)Math.Clamp((startTicks - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency, 1, 100));
        TimeSpan cpuAtStart = CpuTime();
        long allocatedAtStart = GC.GetTotalAllocatedBytes();
        int n = connections.Length;
        long total = (long)n * seconds;
        double ticksPerPost = (double)Stopwatch.Frequency / Math.Max(1, n);
        for (long j = 0; j < total;)
        {
            long due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - startTicks) / ticksPerPost) + 1);
            for (; j < due; j++)
            {
                // A device that failed to connect, or lost its connection, is skipped: not sent, not counted.
                if (connections[j % n].Post()) stats.OnSent();
            }
            if (j < total) Thread.Sleep(TickMs);
        }
        return (CpuTime() - cpuAtStart, Stopwatch.GetElapsedTime(startTicks).TotalSeconds, GC.GetTotalAllocatedBytes() - allocatedAtStart);
    }

    /// <summary>This process's CPU time so far (the orchestrator's figure for an in-process emulator too).</summary>
    internal static TimeSpan CpuTime()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>PINGREQ for connections idle 30 s: the connect phase of a large run, the wait for the start, a long grace.</summary>
    static async Task KeepAliveAsync(LoadConnection[] connections, CancellationToken stop)
    {
        long idle = (long)(PingWhenIdle.TotalSeconds * Stopwatch.Frequency);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                foreach (LoadConnection c in connections) c.PingIfIdle(now, idle);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    static async Task ProgressAsync(LoadStats stats, int everySeconds, TextWriter log, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, everySeconds)), stop).ConfigureAwait(false);
                log.WriteLine($"progress sent={stats.Sent} replies={stats.Replies}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Announces <c>ready</c> and reads <c>start UNIX_MS</c>: the orchestrator starts every worker once all are connected.</summary>
    static async Task<long> WaitForStartAsync(TextReader input, TextWriter log)
    {
        log.WriteLine("ready");
        while (await input.ReadLineAsync().ConfigureAwait(false) is string line)
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["start", var ms] && long.TryParse(ms, CultureInfo.InvariantCulture, out long at)) return at;
        }
        throw new IOException("stdin closed before a start line");
    }

    static async Task<(string Host, IPEndPoint Endpoint)> ResolveAsync(string target)
    {
        int colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target[(colon + 1)..], out int port) || port is <= 0 or > 65535)
            throw new FormatException("target must be HOST:PORT");
        string host = target[..colon].Trim('[', ']');
        IPAddress address = IPAddress.TryParse(host, out IPAddress? ip) ? ip
            : (await Dns.GetHostAddressesAsync(host).ConfigureAwait(false)).OrderBy(a => a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork).First();
        return (host, new IPEndPoint(address, port));
    }

    static string ResultJson(int devices, int connected, Dictionary<string, int> failures, double connectSeconds, double postingSeconds,
        LoadStats stats, long repliesInRun, TimeSpan cpu, long allocated, long peakWorkingSet)
    {
        return Encoding.UTF8.GetString(AlinkJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("devices", devices);
            w.WriteNumber("connected", connected);
            w.WriteStartObject("connectFailures");
            foreach ((string reason, int count) in failures) w.WriteNumber(reason, count);
            w.WriteEndObject();
            w.WriteNumber("connectSeconds", Math.Round(connectSeconds, 3));
            w.WriteNumber("postingSeconds", Math.Round(postingSeconds, 3));
            long sent = stats.Sent, replies = stats.Replies;
            w.WriteNumber("sent", sent);
            w.WriteNumber("replies", replies);
            w.WriteNumber("repliesInRun", repliesInRun);
            w.WriteNumber("errorReplies", stats.ErrorReplies);
            w.WriteNumber("lost", sent - replies);
            w.WriteNumber("unmatchedReplies", stats.UnmatchedReplies);
            w.WriteNumber("pubAcks", stats.PubAcks);
            w.WriteNumber("connectionsLost", stats.ConnectionsLost);
            w.WriteNumber("cpuSeconds", Math.Round(cpu.TotalSeconds, 3));
            w.WriteNumber("allocatedBytes", allocated);            // process-wide, while posting: shows per-message garbage
            w.WriteNumber("peakWorkingSetBytes", peakWorkingSet);
            w.WritePropertyName("histogram");
            stats.Latency.WriteTo(w);
            w.WriteEndObject();
        }));
    }
}
