using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Auth;
using LinkKit.Emulator.Registry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LinkKit.Emulator.Load;

public sealed class LoadSettings
{
    public int Devices { get; set; } = 1000;
    public int Seconds { get; set; } = 60;
    public bool UseTls { get; set; }
    public int ConnectParallelism { get; set; } = 50;
    /// <summary>How long to wait for replies still outstanding when the posting stops.</summary>
    public int GraceSeconds { get; set; } = 5;
}

public sealed record LoadReport(
    int Devices, int Connected, int ConnectFailures, double ConnectSeconds, double RunSeconds,
    long Messages, long Replies, long RepliesLost, long ErrorReplies,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, long OnlineAtEnd, long StoredHistoryRows)
{
    public string ToText() => $"""
        == load result
        devices            {Devices} ({Connected} connected, {ConnectFailures} failed) in {ConnectSeconds:F1} s
        run                {RunSeconds:F1} s, one QoS 1 property post per device per second
        messages sent      {Messages}
        replies received   {Replies} ({ErrorReplies} with a code other than 200)
        replies lost       {RepliesLost}
        reply latency ms   p50 {P50Ms:F1}  p90 {P90Ms:F1}  p99 {P99Ms:F1}  max {MaxMs:F1}
        online at end      {OnlineAtEnd}
        history rows       {StoredHistoryRows} (property values stored, 2 per post)
        """;
}

/// <summary>
/// Load test: starts an emulator in-process on loopback (temporary database), registers N devices, connects them
/// as MQTTnet clients with Python-SDK-style credentials (<c>_ss=1</c>, no SUBSCRIBE), posts one property message per
/// device per second and measures the post → post_reply latency.
/// </summary>
public static class LoadGenerator
{
    const string ProductKey = "a1LoadPK001";
    const string Tsl = """
        {"properties":[
          {"identifier":"temperature","name":"Temperature","accessMode":"rw","dataType":{"type":"float","specs":{"min":"-40","max":"120"}}},
          {"identifier":"counter","name":"Counter","accessMode":"r","dataType":{"type":"int","specs":{"min":"0","max":"100000000"}}}]}
        """;

    public static async Task<LoadReport> RunAsync(LoadSettings settings, TextWriter progress)
    {
        string directory = Path.Combine(Path.GetTempPath(), "linkkit-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                DatabasePath = Path.Combine(directory, "load.db"),
                MqttPort = 0,
                MqttTlsPort = settings.UseTls ? 0 : null,
                ApiPort = null,
                AuthPort = null,
                OtaPort = null,
                LogLevel = "Warning",
            }).ConfigureAwait(false);
            await host.Cloud.CreateProductAsync(ProductKey, "load", null, Tsl, false, null).ConfigureAwait(false);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var devices = Enumerable.Range(0, settings.Devices)
                .Select(i => AlinkCloud.NewDevice(ProductKey, $"load-{i:D5}", null, now)).ToList();
            await host.Store.RegisterDevicesAsync(devices).ConfigureAwait(false);
            progress.WriteLine($"registered {devices.Count} devices; connecting ({settings.ConnectParallelism} at a time)");

            var stats = new Stats();
            var simulated = devices.Select(d => new SimulatedDevice(d, stats)).ToList();
            var connectWatch = Stopwatch.StartNew();
            int port = (settings.UseTls ? host.MqttTlsPort : host.MqttPort)!.Value;
            using var gate = new SemaphoreSlim(settings.ConnectParallelism);
            await Task.WhenAll(simulated.Select(async d =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try { await d.ConnectAsync(port, settings.UseTls ? host.CaCertificate : null).ConfigureAwait(false); }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
            double connectSeconds = connectWatch.Elapsed.TotalSeconds;
            int connected = simulated.Count(d => d.Connected);
            progress.WriteLine($"{connected} connected in {connectSeconds:F1} s; posting for {settings.Seconds} s");

            var runWatch = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds));
            Task reporter = ReportProgressAsync(stats, runWatch, progress, stop.Token);
            await Task.WhenAll(simulated.Where(d => d.Connected).Select(d => d.PostLoopAsync(stop.Token))).ConfigureAwait(false);
            double runSeconds = runWatch.Elapsed.TotalSeconds;
            await reporter.ConfigureAwait(false);

            var grace = Stopwatch.StartNew();
            while (stats.Replies < stats.Sent && grace.Elapsed < TimeSpan.FromSeconds(settings.GraceSeconds))
                await Task.Delay(100).ConfigureAwait(false);
            long online = host.Broker.OnlineCount;
            await Task.WhenAll(simulated.Select(d => d.DisconnectAsync())).ConfigureAwait(false);

            double[] latencies = stats.Latencies.ToArray();
            Array.Sort(latencies);
            long historyRows = host.Store.CountPropertyHistory();
            return new LoadReport(settings.Devices, connected, settings.Devices - connected, connectSeconds, runSeconds,
                stats.Sent, stats.Replies, stats.Sent - stats.Replies, stats.ErrorReplies,
                Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99),
                latencies.Length == 0 ? 0 : latencies[^1], online, historyRows);
        }
        finally
        {
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    static async Task ReportProgressAsync(Stats stats, Stopwatch watch, TextWriter progress, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop).ConfigureAwait(false);
                progress.WriteLine($"t={watch.Elapsed.TotalSeconds:F0}s sent={stats.Sent} replies={stats.Replies}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    sealed class Stats
    {
        long _sent, _replies, _errors;
        public ConcurrentBag<double> Latencies { get; } = [];
        public long Sent => Interlocked.Read(ref _sent);
        public long Replies => Interlocked.Read(ref _replies);
        public long ErrorReplies => Interlocked.Read(ref _errors);
        public void OnSent() => Interlocked.Increment(ref _sent);

        public void OnReply(double latencyMs, bool ok)
        {
            Interlocked.Increment(ref _replies);
            if (!ok) Interlocked.Increment(ref _errors);
            Latencies.Add(latencyMs);
        }
    }

    sealed class SimulatedDevice(Device device, Stats stats)
    {
        readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        readonly ConcurrentDictionary<string, long> _outstanding = new(StringComparer.Ordinal);
        readonly string _postTopic = $"/sys/{device.ProductKey}/{device.DeviceName}/thing/event/property/post";
        int _nextId;

        public bool Connected { get; private set; }

        public async Task ConnectAsync(int port, X509Certificate2? ca)
        {
            string ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            string devicePart = device.ProductKey + "&" + device.DeviceName;
            string clientId = $"{devicePart}|securemode={(ca == null ? 3 : 2)},signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=load,timestamp={ts}|";
            string password = AlinkSigner.Sign("hmacsha1", device.DeviceSecret,
                AlinkSigner.DeviceLoginContent(devicePart, device.ProductKey, device.DeviceName, ts));
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(clientId)
                .WithCredentials(device.DeviceName + "&" + device.ProductKey, password)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
                .WithCleanSession()
                .WithTimeout(TimeSpan.FromSeconds(30));
            if (ca != null)
                builder.WithTlsOptions(o => o.UseTls().WithTrustChain([ca]).WithTargetHost("127.0.0.1"));
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            try
            {
                MqttClientConnectResult result = await _client.ConnectAsync(builder.Build()).ConfigureAwait(false);
                Connected = result.ResultCode == MqttClientConnectResultCode.Success;
            }
            catch (Exception)
            {
                Connected = false;
            }
        }

        public async Task PostLoopAsync(CancellationToken stop)
        {
            try
            {
                await Task.Delay(Random.Shared.Next(1000), stop).ConfigureAwait(false);      // spread the devices over the second
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                do
                {
                    string id = (++_nextId).ToString();
                    string payload = $"{{\"id\": \"{id}\", \"version\": \"1.0\", \"params\": {{\"temperature\": {20 + Random.Shared.Next(100) / 10.0:F1}, \"counter\": {_nextId}}}, \"method\": \"thing.event.property.post\"}}";
                    _outstanding[id] = Stopwatch.GetTimestamp();
                    stats.OnSent();
                    var message = new MqttApplicationMessageBuilder().WithTopic(_postTopic).WithPayload(payload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                    // Not cancelled by the end of the run: a post once started is completed (and its reply awaited).
                    try { await _client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false); }
                    catch (Exception) { }      // counted as a lost reply
                } while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
        {
            long arrived = Stopwatch.GetTimestamp();
            try
            {
                using JsonDocument doc = JsonDocument.Parse(args.ApplicationMessage.Payload.ToArray());
                string? id = doc.RootElement.GetString("id");
                if (id != null && _outstanding.TryRemove(id, out long sent))
                {
                    bool ok = doc.RootElement.TryGetProperty("code", out JsonElement c) && c.GetInt32() == 200;
                    stats.OnReply(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds, ok);
                }
            }
            catch (JsonException)
            {
            }
            return Task.CompletedTask;
        }

        public async Task DisconnectAsync()
        {
            try { if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false); }
            catch (Exception) { }
            _client.Dispose();
        }
    }
}
