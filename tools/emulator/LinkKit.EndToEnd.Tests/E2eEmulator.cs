using System.Text.Json.Nodes;
using LinkKit.Emulator;
using LinkKit.Emulator.ControlApi;
using LinkKit.Nano;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// The emulator in-process on free loopback ports (MQTT, MQTT/TLS, device auth over HTTPS), with a database in a
/// temporary folder, a fixed clock and the demo product and device; removed on dispose.
/// </summary>
public sealed class E2eEmulator : IAsyncDisposable
{
    /// <summary>The emulator's fixed clock: every stored time is 1700000001000 ms (shadow timestamps 1700000001).</summary>
    public const long FixedNowMs = 1_700_000_001_000;

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    E2eEmulator(string directory, EmulatorOptions options)
    {
        Directory = directory;
        Options = options;
    }

    public string Directory { get; }
    public EmulatorOptions Options { get; private set; }
    public EmulatorHost Host { get; private set; } = null!;
    public DemoIdentity Demo { get; private set; } = null!;

    public string ProductKey => Demo.ProductKey;
    public string DeviceName => Demo.DeviceName;
    public int MqttPort => Host.MqttPort!.Value;
    public int MqttTlsPort => Host.MqttTlsPort!.Value;
    public int AuthTlsPort => Host.AuthTlsPort!.Value;
    public string CaPem => Host.CaCertificatePem;

    public static async Task<E2eEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "linkkit-e2e-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var options = new EmulatorOptions
        {
            DatabasePath = Path.Combine(directory, "emulator.db"),
            MqttPort = 0,
            MqttTlsPort = 0,
            ApiPort = null,
            AuthPort = null,
            AuthTlsPort = 0,
            OtaPort = 0,
            Clock = () => FixedNowMs,
        };
        configure?.Invoke(options);
        var emulator = new E2eEmulator(directory, options);
        await emulator.StartHostAsync().ConfigureAwait(false);
        emulator.Demo = await emulator.Host.SeedDemoAsync().ConfigureAwait(false);
        return emulator;
    }

    async Task StartHostAsync()
    {
        // E2E_TEST_LOG=Debug shows the emulator's log while debugging a test.
        ILoggerFactory logging = Environment.GetEnvironmentVariable("E2E_TEST_LOG") is string level
            ? EmulatorHost.CreateConsoleLogging(level) : NullLoggerFactory.Instance;
        Host = await EmulatorHost.StartAsync(Options, logging).ConfigureAwait(false);
    }

    /// <summary>Stops the emulator (devices lose their connection; the data stays in the database file).</summary>
    public Task StopAsync() => Host.StopAsync();

    /// <summary>Starts a new emulator on the same database file and the ports the stopped one had.</summary>
    public async Task StartAgainOnSamePortsAsync()
    {
        EmulatorOptions previous = Options;
        Options = new EmulatorOptions
        {
            DatabasePath = previous.DatabasePath,
            MqttPort = Host.MqttPort,
            MqttTlsPort = Host.MqttTlsPort,
            ApiPort = null,
            AuthPort = null,
            AuthTlsPort = Host.AuthTlsPort,
            OtaPort = Host.OtaPort,
            Clock = previous.Clock,
        };
        await StartHostAsync().ConfigureAwait(false);
    }

    /// <summary>Calls the control API in-process and requires success.</summary>
    public async Task<JsonObject> CallAsync(string action, object parameters)
    {
        ApiResponse response = await Host.Api.InvokeAsync(action, parameters).ConfigureAwait(false);
        Assert.True(response.Success, action + " failed: " + response);
        return response.Body;
    }

    public Task<ApiResponse> TryCallAsync(string action, object parameters) => Host.Api.InvokeAsync(action, parameters);

    /// <summary>The registry's view of a device: Status, Online, UtcActive, …</summary>
    public async Task<JsonNode> DeviceDetailAsync(string? deviceName = null) =>
        (await CallAsync("QueryDeviceDetail", new { ProductKey, DeviceName = deviceName ?? DeviceName }).ConfigureAwait(false))["Data"]!;

    /// <summary>Requires the emulator to count the device as online: it does from the device's CONNACK on, so no waiting.</summary>
    public void AssertOnline(string? deviceName = null)
    {
        deviceName ??= DeviceName;
        Assert.True(Host.Broker.IsOnline(ProductKey, deviceName), deviceName + " is not online after its CONNACK");
    }

    /// <summary>
    /// Waits until the emulator has seen the device's connection end: a client's DISCONNECT has no answer, so the
    /// broker may still be reading it when the SDK reports the disconnect (the platform's status also follows later).
    /// </summary>
    public async Task WaitOfflineAsync(string? deviceName = null)
    {
        deviceName ??= DeviceName;
        DateTime deadline = DateTime.UtcNow + Wait;
        while (Host.Broker.IsOnline(ProductKey, deviceName))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(deviceName + " did not go offline");
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes <paramref name="payload"/> to <paramref name="topic"/> (QoS 1) until the device receives it: a SUBSCRIBE
    /// the SDK replays on connecting may still be on its way when the device is already online.
    /// </summary>
    public async Task<(string Topic, string Payload, int Qos)> PubUntilReceivedAsync(SdkDevice device, string topic, string payload)
    {
        DateTime deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            await CallAsync("Pub", new { ProductKey, TopicFullName = topic, MessageContent = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)), Qos = 1 });
            if (device.Messages.TryTake(out var message, TimeSpan.FromMilliseconds(300))) return message;
        }

        throw new TimeoutException("the device received nothing on " + topic);
    }

    /// <summary>The client id the device is connected with, as the emulator saw it.</summary>
    public string? SessionClientId(string? deviceName = null) => Host.Broker.GetSession(ProductKey, deviceName ?? DeviceName)?.ClientId;

    /// <summary>Options for the demo device over TLS, trusting only the emulator's CA, back-off 1..2 s.</summary>
    public LinkKitOptions TlsOptions()
    {
        LinkKitOptions options = new LinkKitOptions
        {
            Port = MqttTlsPort,
            UseTls = true,
            CaCertificates = CaPem,
            ReconnectMinSeconds = 1,
            ReconnectMaxSeconds = 2,
        };
        return options;
    }

    /// <summary>Options over plain TCP (securemode=3), back-off 1..2 s.</summary>
    public LinkKitOptions PlainOptions() => new LinkKitOptions
    {
        Port = MqttPort,
        UseTls = false,
        ReconnectMinSeconds = 1,
        ReconnectMaxSeconds = 2,
    };

    public async ValueTask DisposeAsync()
    {
        if (Host != null) await Host.StopAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
            // A file still held by a late closing handle: the temp folder is cleaned by the OS.
        }
    }
}
