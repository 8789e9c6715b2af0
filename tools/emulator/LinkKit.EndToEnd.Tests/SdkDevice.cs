using System.Collections.Concurrent;
using System.Text;
using LinkKit.Emulator;
using LinkKit.Nano;
using LinkKit.Nano.Identity;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// A device as the SDK's host profile runs it: <see cref="LinkKitClient"/> over <see cref="MqttNetTransport"/>, every
/// event recorded in a queue the test takes from with a timeout.
/// </summary>
public sealed class SdkDevice : IDisposable
{
    public readonly LinkKitClient Client;
    public readonly MqttNetTransport Transport = new() { ConnectTimeout = TimeSpan.FromSeconds(10) };
    public readonly RecordingLogSink Log = new();
    public readonly BlockingCollection<int> Connects = new();
    public readonly BlockingCollection<int> Disconnects = new();
    public readonly BlockingCollection<(string Topic, string Payload, int Qos)> Messages = new();
    public readonly BlockingCollection<int> Published = new();
    public readonly BlockingCollection<(int MessageId, byte[] Granted)> Subscribed = new();
    public readonly BlockingCollection<int> Unsubscribed = new();

    /// <summary>Thing-model events (recorded once <see cref="SetUpThing"/> or <see cref="SetUpCustomProtocol"/> ran).</summary>
    public readonly ThingEvents Thing;

    SdkDevice(Func<MqttNetTransport, LinkKitClient> create)
    {
        Client = create(Transport);
        Thing = new ThingEvents(Client);
        Client.EnableLogger(LogLevel.Debug, Log);
        Client.ConnectCompleted += (_, _, result) => Connects.Add(result);
        Client.Disconnected += (_, reason) => Disconnects.Add(reason);
        Client.MessageReceived += (_, m) => Messages.Add((m.GetTopic(), m.GetPayloadString(), m.Qos));
        Client.Published += (_, id) => Published.Add(id);
        Client.Subscribed += (_, id, granted, count) => Subscribed.Add((id, granted.AsSpan(0, count).ToArray()));
        Client.Unsubscribed += (_, id) => Unsubscribed.Add(id);
    }

    /// <summary>"One device, one secret".</summary>
    public static SdkDevice WithSecret(string productKey, string deviceName, string deviceSecret, LinkKitOptions options) =>
        new(t => new LinkKitClient(t, "127.0.0.1", productKey, deviceName, deviceSecret, options));

    /// <summary>"One type, one secret": registers through <paramref name="registration"/> first.</summary>
    public static SdkDevice WithRegistration(string productKey, string deviceName, string productSecret, Func<MqttNetTransport, DynamicRegistration> registration,
        LinkKitOptions options) =>
        new(t => new LinkKitClient(t, "127.0.0.1", productKey, deviceName, productSecret, registration(t), options));

    /// <summary>The demo device of <paramref name="emulator"/> over TLS with the emulator's CA.</summary>
    public static SdkDevice Demo(E2eEmulator emulator, Action<LinkKitOptions>? configure = null)
    {
        LinkKitOptions options = emulator.TlsOptions();
        configure?.Invoke(options);
        return WithSecret(emulator.ProductKey, emulator.DeviceName, emulator.Demo.DeviceSecret, options);
    }

    /// <summary>Loads the demo product's TSL (what the console would export) and enables the thing API.</summary>
    public SdkDevice SetUpThing(string tsl = EmulatorHost.DemoTsl)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(tsl);
        Assert.Equal(ErrorCode.Ok, Client.ThingSetup(bytes, 0, bytes.Length, out string error));
        Assert.Null(error);
        return this;
    }

    /// <summary>Enables the thing API without a model (Python's <c>thing_setup()</c>): nothing is checked on the device.</summary>
    public SdkDevice SetUpCustomProtocol()
    {
        Client.ThingSetup((ThingModel)null!);
        return this;
    }

    /// <summary>Connects, waits for CONNACK 0 and requires the emulator to count the device online.</summary>
    public async Task ConnectAsync(E2eEmulator emulator)
    {
        Client.ConnectAsync();
        Assert.Equal(ConnectResult.Accepted, NextConnect());
        emulator.AssertOnline(Client.DeviceName);
    }

    public int NextConnect() => Next(Connects, "ConnectCompleted");

    public int NextDisconnect() => Next(Disconnects, "Disconnected");

    /// <summary>Takes the next connect result that is not a failed attempt with <paramref name="skip"/>.</summary>
    public int NextConnectSkipping(int skip, out int skipped)
    {
        skipped = 0;
        int result;
        while ((result = NextConnect()) == skip) skipped++;
        return result;
    }

    public static T Next<T>(BlockingCollection<T> queue, string what)
    {
        if (!queue.TryTake(out T? item, E2eEmulator.Wait)) throw new TimeoutException("no " + what + " within " + E2eEmulator.Wait.TotalSeconds + " s");
        return item;
    }

    public void Dispose()
    {
        Client.Destruct();
        Transport.Dispose();
    }
}

/// <summary>Keeps the SDK's log lines ("LEVEL message") so tests can check that no secret reached them.</summary>
public sealed class RecordingLogSink : ILogSink
{
    readonly ConcurrentQueue<string> _lines = new();

    public void Write(LogLevel level, string message) => _lines.Enqueue(LogLevels.GetName(level) + " " + message);

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
}
