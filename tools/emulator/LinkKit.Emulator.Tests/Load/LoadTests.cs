using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Load;
using Xunit;

namespace LinkKit.Emulator.Tests.Load;

/// <summary>The load generator's own client, worker and histogram against a real emulator on loopback.</summary>
public sealed class LoadConnectionTests : IAsyncLifetime
{
    const string ProductKey = "a1LoadTst01";
    const string Secret = "LoadSecret0123456789abcdefABCDEF";
    internal const string Tsl = """
        {"properties":[
          {"identifier":"temperature","name":"Temperature","accessMode":"rw","dataType":{"type":"float","specs":{"min":"-40","max":"120"}}},
          {"identifier":"counter","name":"Counter","accessMode":"r","dataType":{"type":"int","specs":{"min":"0","max":"100000000"}}}]}
        """;
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CallAsync("CreateProduct", new { ProductKey, ProductName = "load", Tsl });
        for (int i = 0; i < 3; i++) await _emulator.RegisterDeviceAsync(ProductKey, $"dev-{i}", Secret);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    IPEndPoint Endpoint => new(IPAddress.Loopback, _emulator.MqttPort);

    static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Timeout, "timed out");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Connect_Post_ReplyMatchedWithCode200AndItsId()
    {
        var stats = new LoadStats();
        var connection = new LoadConnection(new LoadDevice(ProductKey, "dev-0", Secret), stats);
        Assert.True(await connection.ConnectAsync(Endpoint, "127.0.0.1", null, Timeout));
        Assert.Equal(0, connection.ConnackCode);
        Assert.Null(connection.Failure);

        Assert.True(connection.Post());
        await WaitForAsync(() => stats.Replies == 1 && stats.PubAcks == 1);
        Assert.Equal(1, connection.LastReplyId);
        Assert.Equal(200, connection.LastReplyCode);
        Assert.True(connection.Post());
        await WaitForAsync(() => stats.Replies == 2);
        Assert.Equal(2, connection.LastReplyId);
        Assert.Equal(0, stats.ErrorReplies);
        Assert.Equal(0, stats.UnmatchedReplies);
        Assert.Equal(2, stats.Latency.Count);
        Assert.Equal(4, _emulator.Host.Store.CountPropertyHistory());

        await connection.DisconnectAsync();
        Assert.Equal(0, stats.ConnectionsLost);
        Assert.False(connection.Post());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task WrongSecret_RefusedWithTheConfiguredConnackCode(int code)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(o => o.AuthFailureConnack = code);
        await emulator.CallAsync("CreateProduct", new { ProductKey, ProductName = "load", Tsl });
        await emulator.RegisterDeviceAsync(ProductKey, "dev-0", Secret);
        var connection = new LoadConnection(new LoadDevice(ProductKey, "dev-0", "WrongSecret0123456789abcdefABCDE"), new LoadStats());
        Assert.False(await connection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, emulator.MqttPort), "127.0.0.1", null, Timeout));
        Assert.Equal(code, connection.ConnackCode);
        Assert.Equal("connack " + code, connection.Failure);
        Assert.False(connection.Post());
    }

    [Fact]
    public async Task NothingListening_SocketErrorRecorded()
    {
        var connection = new LoadConnection(new LoadDevice(ProductKey, "dev-0", Secret), new LoadStats());
        Assert.False(await connection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, LoadGeneratorTests.FreePort()), "127.0.0.1", null, Timeout));
        Assert.Equal(-1, connection.ConnackCode);
        Assert.Equal("socket ConnectionRefused", connection.Failure);
    }

    [Fact]
    public void TryReadReply_ReadsIdAndCode()
    {
        Assert.True(LoadConnection.TryReadReply(
            """{"code":200,"data":{},"id":"12345","message":"success","method":"thing.event.property.post","version":"1.0"}"""u8,
            out long id, out int code));
        Assert.Equal(12345, id);
        Assert.Equal(200, code);
        Assert.True(LoadConnection.TryReadReply("""{"id":"7","data":{"a":[1,{"b":2}]},"code":6106}"""u8, out id, out code));
        Assert.Equal((7, 6106), (id, code));
        Assert.False(LoadConnection.TryReadReply("""{"code":200,"id":"x1"}"""u8, out _, out _));
        Assert.False(LoadConnection.TryReadReply("""{"code":200"""u8, out _, out _));
    }

    [Fact]
    public async Task Worker_PostsEverySecondAndPrintsOneJsonLine()
    {
        string credentials = Path.Combine(_emulator.Directory, "devices.csv");
        LoadCredentials.Write(credentials, [
            new LoadDevice(ProductKey, "dev-0", Secret),
            new LoadDevice(ProductKey, "dev-1", "WrongSecret0123456789abcdefABCDE"),
            new LoadDevice(ProductKey, "dev-2", Secret),
        ]);
        var output = new StringWriter();
        var log = new StringWriter();
        int exit = await LoadWorker.RunAsync(new LoadWorkerSettings
        {
            Target = "127.0.0.1:" + _emulator.MqttPort,
            CredentialsFile = credentials,
            From = 0,
            Count = 3,
            Seconds = 2,
            StartAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            GraceSeconds = 5,
        }, TextReader.Null, output, log);

        Assert.Equal(0, exit);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        JsonObject result = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(2, result["connected"]!.GetValue<int>());
        Assert.Equal(1, result["connectFailures"]!["connack 4"]!.GetValue<int>());
        Assert.Equal(4, result["sent"]!.GetValue<long>());
        Assert.Equal(4, result["replies"]!.GetValue<long>());
        Assert.Equal(0, result["lost"]!.GetValue<long>());
        Assert.Equal(0, result["errorReplies"]!.GetValue<long>());
        Assert.Equal(4, LatencyHistogram.Read(result["histogram"]).Count);
        Assert.DoesNotContain(Secret, log.ToString() + output);
    }
}

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_ExactOnTheGrid()
    {
        var h = new LatencyHistogram();
        for (int ms = 100; ms >= 1; ms--) h.Record(ms * 1000L);      // 1 … 100 ms, order does not matter
        Assert.Equal(100, h.Count);
        Assert.Equal(50.0, h.PercentileMs(0.50));
        Assert.Equal(90.0, h.PercentileMs(0.90));
        Assert.Equal(99.0, h.PercentileMs(0.99));
        Assert.Equal(100.0, h.PercentileMs(1));
    }

    [Fact]
    public void Percentiles_AfterMergingTwo_AsIfRecordedInOne()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) (ms % 2 == 0 ? a : b).Record(ms * 1000L);
        b.Record(12_345_678);                                         // 12.3 s: a coarse (100 ms) bucket; the max stays exact
        a.Merge(b);
        Assert.Equal(101, a.Count);
        Assert.Equal(51.0, a.PercentileMs(0.50));
        Assert.Equal(91.0, a.PercentileMs(0.90));
        Assert.Equal(100.0, a.PercentileMs(0.99));
        Assert.Equal(12_300.0, a.PercentileMs(0.999));
        Assert.Equal(12_345.678, a.PercentileMs(1));
    }

    [Fact]
    public void SparseJson_RoundTrips()
    {
        var h = new LatencyHistogram();
        foreach (long us in new long[] { 0, 150, 150, 99_999, 9_999_999, 10_000_000, 700_000_000 }) h.Record(us);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) h.WriteTo(w);
        LatencyHistogram back = LatencyHistogram.Read(JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray())));
        Assert.Equal(h.Count, back.Count);
        Assert.Equal(700_000_000, back.MaxMicroseconds);
        foreach (double p in new[] { 0.1, 0.3, 0.5, 0.6, 0.8, 0.9, 1 }) Assert.Equal(h.PercentileMs(p), back.PercentileMs(p));
        Assert.Equal(0.1, back.PercentileMs(0.3));                    // 150 µs lies in the 0.1 ms bucket
    }
}

public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task TwentyDevices_TwoWorkers_ThreeSeconds_EveryPostReplied()
    {
        var progress = new StringWriter();
        LoadReport report = await LoadGenerator.RunAsync(new LoadSettings { Devices = 20, Seconds = 3, Workers = 2 }, progress);

        Assert.True(report.ConnectFailureCount == 0, progress.ToString());
        Assert.Equal(20, report.Connected);
        Assert.Equal(2, report.Workers.Count);
        Assert.All(report.Workers, w => Assert.Equal((10, 10), (w.Devices, w.Connected)));
        Assert.Equal(60, report.Offered);
        Assert.Equal(60, report.Messages);
        Assert.Equal(60, report.Replies);
        Assert.Equal(0, report.RepliesLost);
        Assert.Equal(0, report.ErrorReplies);
        Assert.Equal(0, report.UnmatchedReplies);
        Assert.Equal(20, report.OnlineAtEnd);
        Assert.Equal(2 * report.Replies, report.StoredHistoryRows);
        Assert.Contains("replies lost       0", report.ToText());
    }

    [Fact]
    public async Task Target_WithApi_ReportsThePeaksOfDepthAndPeakFields()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CallAsync("CreateProduct", new { ProductKey = "a1LoadTst02", ProductName = "load", LoadConnectionTests.Tsl });
        string credentials = Path.Combine(emulator.Directory, "devices.csv");
        var devices = Enumerable.Range(0, 4).Select(i => new LoadDevice("a1LoadTst02", $"tgt-{i}", $"TargetSecret{i:D20}")).ToList();
        foreach (LoadDevice d in devices) await emulator.RegisterDeviceAsync(d.ProductKey, d.DeviceName, d.DeviceSecret);
        LoadCredentials.Write(credentials, devices);

        // A stand-in for GetEmulatorStatus whose depths rise to 9, fall, and whose …Peak field rises to 40.
        using var api = new System.Net.HttpListener();
        int port = FreePort();
        api.Prefixes.Add($"http://127.0.0.1:{port}/");
        api.Start();
        int calls = 0;
        var paths = new List<string>();
        Task serving = Task.Run(async () =>
        {
            while (api.IsListening)
            {
                System.Net.HttpListenerContext context;
                try { context = await api.GetContextAsync(); }
                catch (Exception) { return; }
                int n = ++calls;
                lock (paths) paths.Add(context.Request.HttpMethod + " " + context.Request.Url!.AbsolutePath);
                byte[] body = Encoding.UTF8.GetBytes(
                    $$$"""{"Success":true,"Data":{"OnlineDevices":4,"StoreQueueDepth":{{{(n == 2 ? 9 : 1)}}},"ReplyPeak":{{{Math.Min(10 * n, 40)}}},"Uplinks":1000,"Database":"x"}}""");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });

        LoadReport report = await LoadGenerator.RunAsync(new LoadSettings
        {
            Target = "127.0.0.1:" + emulator.MqttPort, CredentialsFile = credentials, ApiUrl = $"http://127.0.0.1:{port}", Seconds = 2,
        }, new StringWriter());
        api.Stop();
        await serving;

        Assert.Equal((4, 4, 8L, 8L), (report.Devices, report.Connected, report.Messages, report.Replies));
        Assert.Equal(4, report.OnlineAtEnd);
        Assert.All(paths, p => Assert.Equal("POST /api/GetEmulatorStatus", p));
        Assert.Null(report.StoredHistoryRows);
        Assert.Null(report.EmulatorCpuPerSecond);
        Assert.Equal(["ReplyPeak", "StoreQueueDepth"], report.StatusPeaks.Keys.Order());
        Assert.Equal(9, report.StatusPeaks["StoreQueueDepth"]);
        Assert.Equal(Math.Min(10 * calls, 40), report.StatusPeaks["ReplyPeak"]);
    }

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
