using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// The emulator run as a separate process under a small descriptor limit (<c>ulimit -n</c>): connections beyond its
/// share are answered CONNACK 3, a connection that cannot even be accepted waits in the backlog, a device already
/// connected is served throughout (its first post made while no descriptor is left), and everything is served again
/// once the sockets close.
/// </summary>
public sealed class DescriptorExhaustionTests
{
    const int DescriptorLimit = 400;
    const string PostTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post";
    const string ReplyTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post_reply";

    static string Post(string dn, int id) => $$"""{"id": "{{id}}", "version": "1.0", "params": {"temperature": 25.5}, "method": "thing.event.property.post"}""";

    static string Reply(int id) => $$"""{"code":200,"data":{},"id":"{{id}}","message":"success","method":"thing.event.property.post","version":"1.0"}""";

    [Fact]
    public async Task DescriptorLimit_RefusesThenRecovers_AndTheConnectedDeviceIsServedThroughout()
    {
        await using TestEmulator setup = await TestEmulator.StartAsync();
        await setup.CreateCaptureProductAsync();
        await setup.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await setup.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        await setup.StopAsync();

        // Nothing but the device's login and post runs before the pressure: no control API call, so the reply's JSON
        // writer is first used with no descriptor left.
        using Process emulator = StartLimited(setup.Options.DatabasePath, out int mqttPort, out int apiPort, out int limit);
        var idle = new List<Socket>();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
            Assert.InRange(limit, 1, DescriptorLimit - 128);

            await using TestDevice first = await TestDevice.ConnectedAsync(mqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
            // Sockets that never send CONNECT, each holding a descriptor in the emulator, up to its connection limit.
            for (int i = 0; i < limit; i++) idle.Add(await ConnectSocketAsync(mqttPort));
            (RawMqttClient refused, byte[] connack) = await RawMqttClient.ConnectAsync(mqttPort, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
            await using (refused) Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x03 }, connack);

            // Now every descriptor: the emulator cannot accept more (they wait in the backlog) nor open anything.
            // (The runtime keeps one descriptor back; a connect times out once the backlog is full too.)
            for (int i = 0; i < DescriptorLimit && OpenDescriptors(emulator) < DescriptorLimit - 1; i++)
            {
                if (await TryConnectSocketAsync(mqttPort) is not { } socket) break;
                idle.Add(socket);
            }
            await Until(() => OpenDescriptors(emulator) >= DescriptorLimit - 1, "the emulator at its descriptor limit");
            Assert.Equal(Reply(1), await first.RequestAsync(PostTopic, Post(Vectors.DeviceName, 1), ReplyTopic, qos: 1));

            foreach (Socket socket in idle) socket.Dispose();
            idle.Clear();
            await UntilAsync(async () => (await TryStatusAsync(http))?["Connections"]?.GetValue<int>() == 1, "only the first device connected");

            (string clientId, string username, string password) = TestDevice.SdkCStyleCredentials("dev-002");
            await using TestDevice second = await TestDevice.ConnectedAsync(mqttPort, clientId, username, password);
            Assert.Equal(Reply(2), await second.RequestAsync("/sys/a1TestPK001/dev-002/thing/event/property/post", Post("dev-002", 2),
                "/sys/a1TestPK001/dev-002/thing/event/property/post_reply", qos: 1));
            Assert.Equal(Reply(3), await first.RequestAsync(PostTopic, Post(Vectors.DeviceName, 3), ReplyTopic, qos: 1));
            JsonNode status = await StatusAsync(http);
            Assert.Equal((1, 2), (status["ConnectionsRefused"]!.GetValue<int>(), status["OnlineDevices"]!.GetValue<int>()));
        }
        finally
        {
            foreach (Socket socket in idle) socket.Dispose();
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }

    // `linkkit-emulator serve` on the prepared database under `ulimit -n`, with the ports it chose read from its first line.
    static Process StartLimited(string database, out int mqttPort, out int apiPort, out int connectionLimit)
    {
        string dll = typeof(EmulatorHost).Assembly.Location;
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
                 {
                     "-c", $"ulimit -n {DescriptorLimit} && exec dotnet \"$0\" serve --db \"$1\" --mqtt-port 0 --mqtts-port off --api-port 0 --auth-port off --ota-port off",
                     dll, database,
                 })
            start.ArgumentList.Add(argument);
        Process process = Process.Start(start)!;
        var ports = new TaskCompletionSource<(int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var limit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Reads the whole log, so the emulator never blocks writing it.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ports.TrySetException(new Xunit.Sdk.XunitException("the emulator stopped before listening"));
                limit.TrySetException(new Xunit.Sdk.XunitException("the emulator stopped before naming its connection limit"));
            }
            else if (Regex.Match(e.Data, @"MQTT (\d+), .*control API (\d+)") is { Success: true } m)
            {
                ports.TrySetResult((int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)));
            }
            else if (Regex.Match(e.Data, @"connections beyond (\d+) are refused") is { Success: true } l)
            {
                limit.TrySetResult(int.Parse(l.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        (mqttPort, apiPort) = ports.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        connectionLimit = limit.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return process;
    }

    static int OpenDescriptors(Process process) => Directory.GetFiles($"/proc/{process.Id}/fd").Length;

    static async Task<Socket> ConnectSocketAsync(int port) =>
        await TryConnectSocketAsync(port) ?? throw new Xunit.Sdk.XunitException("connecting to the emulator timed out");

    static async Task<Socket?> TryConnectSocketAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    static async Task<JsonNode> StatusAsync(HttpClient http) =>
        await TryStatusAsync(http) ?? throw new Xunit.Sdk.XunitException("GetEmulatorStatus failed");

    static async Task<JsonNode?> TryStatusAsync(HttpClient http)
    {
        try
        {
            using HttpResponseMessage response = await http.PostAsync("api/GetEmulatorStatus", new StringContent("{}"));
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Data"] : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    static Task Until(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (int i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.True(await condition(), what);
    }
}
