using LinkKit.Emulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace LinkKit.Console.Tests;

/// <summary>A fresh emulator for one test: plain MQTT and the control API on free loopback ports, the demo product, its own folder.</summary>
public sealed class DemoEmulator : IAsyncDisposable
{
    readonly string _folder;

    DemoEmulator(string folder, EmulatorHost host, DemoIdentity demo)
    {
        _folder = folder;
        Host = host;
        Demo = demo;
    }

    public EmulatorHost Host { get; }
    public DemoIdentity Demo { get; }

    public static async Task<DemoEmulator> StartAsync()
    {
        string folder = Path.Combine(Path.GetTempPath(), "linkkit-console-tests", Guid.NewGuid().ToString("N"));
        EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            DatabasePath = Path.Combine(folder, "emulator.db"),
            MqttPort = 0,
            MqttTlsPort = null,
            ApiPort = 0,
            AuthPort = null,
            OtaPort = null,
        }, NullLoggerFactory.Instance);
        return new DemoEmulator(folder, host, await host.SeedDemoAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
