using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.Channels;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Auth;

namespace LinkKit.Emulator.WebConsole;

/// <summary>
/// What the broker saw, for the web console's live stream: every device uplink and cloud downlink (topic and payload) and
/// every device connecting and disconnecting. The broker asks <see cref="IsWatched"/> before anything else, so with no
/// console open a message costs one field read and nothing is built. Each open console gets its own bounded queue; a console
/// that falls behind loses its oldest entries and never slows the broker.
/// </summary>
public sealed class MessageTap(Func<long> clock)
{
    /// <summary>Entries kept per console while it has not read them (then the oldest go).</summary>
    public const int QueueLength = 2000;

    readonly object _gate = new();
    volatile Watcher[] _watchers = [];

    /// <summary>True while at least one console is watching.</summary>
    public bool IsWatched => _watchers.Length != 0;

    /// <summary>Starts watching: the returned watcher receives every entry from now on, as JSON text; dispose it to stop.</summary>
    public Watcher Watch()
    {
        var watcher = new Watcher(this);
        lock (_gate) _watchers = [.. _watchers, watcher];
        return watcher;
    }

    void Remove(Watcher watcher)
    {
        lock (_gate) _watchers = _watchers.Where(w => w != watcher).ToArray();
    }

    /// <summary>A device published (<paramref name="dropped"/>: why the broker did not hand it to the cloud).</summary>
    public void Uplink(DeviceSession session, string topic, byte[] payload, string? dropped = null) =>
        Send("up", session.ProductKey, session.DeviceName, topic, payload, w =>
        {
            if (dropped != null) w.WriteString("dropped", dropped);
        });

    /// <summary>The cloud published to a topic (a device's own topics name it; the page reads the device from the topic).</summary>
    public void Downlink(string topic, byte[] payload, int qos) => Send("down", null, null, topic, payload, w => w.WriteNumber("qos", qos));

    public void Connected(DeviceSession session) => Send("connected", session.ProductKey, session.DeviceName, null, null, w =>
    {
        w.WriteString("clientId", session.ClientId);
        w.WriteString("login", session.Kind.ToString());
        w.WriteBoolean("tls", session.IsTls);
    });

    public void Disconnected(DeviceSession session, string reason) =>
        Send("disconnected", session.ProductKey, session.DeviceName, null, null, w => w.WriteString("reason", reason));

    // One JSON object per entry: {"kind","time","productKey","deviceName","topic","payload" (UTF-8 text) or "payloadBase64", …}.
    // Written once and shared by every watcher.
    void Send(string kind, string? productKey, string? deviceName, string? topic, byte[]? payload, Action<Utf8JsonWriter> extra)
    {
        Watcher[] watchers = _watchers;
        if (watchers.Length == 0) return;
        string json = Encoding.UTF8.GetString(AlinkJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteNumber("time", clock());
            if (productKey != null) w.WriteString("productKey", productKey);
            if (deviceName != null) w.WriteString("deviceName", deviceName);
            if (topic != null) w.WriteString("topic", topic);
            if (payload != null)
            {
                if (Utf8.IsValid(payload)) w.WriteString("payload", Encoding.UTF8.GetString(payload));
                else w.WriteBase64String("payloadBase64", payload);
            }
            extra(w);
            w.WriteEndObject();
        }));
        foreach (Watcher watcher in watchers) watcher.Queue.Writer.TryWrite(json);
    }

    /// <summary>One console's queue of entries (JSON text).</summary>
    public sealed class Watcher : IDisposable
    {
        readonly MessageTap _tap;

        internal Watcher(MessageTap tap) => _tap = tap;

        internal Channel<string> Queue { get; } = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        public ChannelReader<string> Entries => Queue.Reader;

        public void Dispose()
        {
            _tap.Remove(this);
            Queue.Writer.TryComplete();
        }
    }
}
