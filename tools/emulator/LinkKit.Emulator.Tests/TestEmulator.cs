using System.Text.Json.Nodes;
using LinkKit.Emulator.ControlApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>An emulator on loopback with free ports and a database in a temporary folder, removed on dispose.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    /// <summary>The fixed clock tests use: 1700000001000 ms, so shadow timestamps are 1700000001.</summary>
    public const long FixedNowMs = 1_700_000_001_000;

    public string Directory { get; }
    public EmulatorHost Host { get; private set; } = null!;
    public EmulatorOptions Options { get; }

    TestEmulator(string directory, EmulatorOptions options)
    {
        Directory = directory;
        Options = options;
    }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null, bool http = false, string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "linkkit-emulator-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var options = new EmulatorOptions
        {
            DatabasePath = Path.Combine(directory, "emulator.db"),
            MqttPort = 0,
            MqttTlsPort = 0,
            ApiPort = http ? 0 : null,
            AuthPort = http ? 0 : null,
            AuthTlsPort = null,
            OtaPort = 0,
            Clock = () => FixedNowMs,
        };
        configure?.Invoke(options);
        var emulator = new TestEmulator(directory, options);
        await emulator.RestartAsync().ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Starts (again) on the same database file and options.</summary>
    public async Task RestartAsync()
    {
        if (Host != null) await Host.StopAsync().ConfigureAwait(false);
        // EMULATOR_TEST_LOG=Debug shows the emulator's log while debugging a test.
        ILoggerFactory logging = Environment.GetEnvironmentVariable("EMULATOR_TEST_LOG") is string level
            ? EmulatorHost.CreateConsoleLogging(level) : NullLoggerFactory.Instance;
        Host = await EmulatorHost.StartAsync(Options, logging).ConfigureAwait(false);
    }

    public Task StopAsync() => Host.StopAsync();

    public int MqttPort => Host.MqttPort!.Value;
    public int MqttTlsPort => Host.MqttTlsPort!.Value;

    /// <summary>Calls the control API in-process and requires success.</summary>
    public async Task<JsonObject> CallAsync(string action, object parameters)
    {
        ApiResponse response = await Host.Api.InvokeAsync(action, parameters).ConfigureAwait(false);
        Assert.True(response.Success, action + " failed: " + response);
        return response.Body;
    }

    /// <summary>Requires the connection to be the device's current one: it is from its CONNACK on, so no waiting.</summary>
    public void AssertOnline(string productKey, string deviceName, string clientId) =>
        Assert.Equal(clientId, Host.Broker.GetSession(productKey, deviceName)?.ClientId);

    public Task<ApiResponse> TryCallAsync(string action, object parameters) => Host.Api.InvokeAsync(action, parameters);

    /// <summary>
    /// Provisions the wire capture's product (a1TestPK001, product secret ProductSecret0123456789) with <see cref="Tsl"/>
    /// and, besides the default topic classes, the SUB class <c>user/rrpc_demo</c> its custom RRPC uses.
    /// </summary>
    public async Task CreateCaptureProductAsync(bool dynamicRegistration = true, string? rawReplyHex = null)
    {
        await CallAsync("CreateProduct", new
        {
            ProductKey = Vectors.ProductKey,
            ProductName = "capture",
            ProductSecret = Vectors.ProductSecret,
            DynamicRegistration = dynamicRegistration,
            Tsl,
            RawReplyHex = rawReplyHex,
        }).ConfigureAwait(false);
        await CallAsync("CreateProductTopic", new { Vectors.ProductKey, TopicShortName = "rrpc_demo", Operation = "SUB" }).ConfigureAwait(false);
    }

    public Task RegisterDeviceAsync(string productKey, string deviceName, string secret) =>
        CallAsync("RegisterDevice", new { ProductKey = productKey, DeviceName = deviceName, DeviceSecret = secret });

    /// <summary>The thing model of the wire capture's device (temperature, LightSwitch, alarm, reboot, getStatus).</summary>
    public const string Tsl = """
        {
          "properties": [
            {"identifier": "temperature", "name": "Temperature", "accessMode": "rw", "dataType": {"type": "float", "specs": {"min": "-40", "max": "120"}}},
            {"identifier": "LightSwitch", "name": "Light", "accessMode": "rw", "dataType": {"type": "bool", "specs": {"0": "off", "1": "on"}}},
            {"identifier": "mode", "name": "Mode", "accessMode": "rw", "dataType": {"type": "enum", "specs": {"0": "auto", "1": "manual"}}},
            {"identifier": "label", "name": "Label", "accessMode": "rw", "dataType": {"type": "text", "specs": {"length": "8"}}},
            {"identifier": "serial", "name": "Serial", "accessMode": "r", "dataType": {"type": "text", "specs": {"length": "32"}}}
          ],
          "events": [
            {"identifier": "alarm", "name": "Alarm", "type": "alert", "outputData": [{"identifier": "level", "name": "Level", "dataType": {"type": "int", "specs": {"min": "0", "max": "10"}}}]}
          ],
          "services": [
            {"identifier": "reboot", "name": "Reboot", "callType": "async", "inputData": [{"identifier": "delay", "name": "Delay", "dataType": {"type": "int", "specs": {"min": "0", "max": "60"}}}], "outputData": []},
            {"identifier": "getStatus", "name": "Status", "callType": "sync", "inputData": [], "outputData": [{"identifier": "uptime", "name": "Uptime", "dataType": {"type": "int", "specs": {}}}]}
          ]
        }
        """;

    public async ValueTask DisposeAsync()
    {
        if (Host != null) await Host.StopAsync().ConfigureAwait(false);
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
