using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using LinkKit.Emulator.Auth;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace LinkKit.Emulator.Broker;

/// <summary>
/// One client connection seen at packet level, where MQTTnet's events come too late or in the wrong order for the
/// platform's behaviour: a device is online (its login recorded) before its CONNACK leaves, and a SUBACK carries
/// its return codes in the order of the SUBSCRIBE's filters (MQTT-3.9.3-1) — MQTTnet grants filters sorted by QoS.
/// </summary>
public sealed class DeviceChannel : IMqttChannelAdapter
{
    readonly IMqttChannelAdapter _inner;
    readonly Func<DeviceChannel, Task> _accepting;
    // The SUBSCRIBE packets waiting for their SUBACK, and the code decided for each of their filters (by reference:
    // MQTTnet hands the interceptor the packet's own filter objects).
    readonly ConcurrentDictionary<ushort, MqttSubscribePacket> _subscribing = new();
    readonly ConcurrentDictionary<MqttTopicFilter, MqttSubscribeReasonCode> _decided = new(ReferenceEqualityComparer.Instance);

    DeviceChannel(IMqttChannelAdapter inner, Func<DeviceChannel, Task> accepting)
    {
        _inner = inner;
        _accepting = accepting;
    }

    /// <summary>The authenticated session; set while the CONNECT is validated, null when it was refused.</summary>
    public DeviceSession? Session { get; set; }

    /// <summary>Records the code the broker gave one filter of a SUBSCRIBE on this connection.</summary>
    /// <remarks>The emulator's own server-side subscriptions pass the interceptor too, with no SUBSCRIBE and no SUBACK:
    /// nothing is kept for them.</remarks>
    public void Decided(MqttTopicFilter filter, MqttSubscribeReasonCode code)
    {
        if (!_subscribing.IsEmpty) _decided[filter] = code;
    }

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        MqttPacket packet = await _inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        if (packet is MqttSubscribePacket subscribe) _subscribing[subscribe.PacketIdentifier] = subscribe;
        return packet;
    }

    public async Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnAckPacket { ReasonCode: MqttConnectReasonCode.Success } && Session != null)
            await _accepting(this).ConfigureAwait(false);
        else if (packet is MqttSubAckPacket subAck && _subscribing.TryRemove(subAck.PacketIdentifier, out MqttSubscribePacket? subscribe))
            subAck.ReasonCodes = InFilterOrder(subscribe);
        await _inner.SendPacketAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    List<MqttSubscribeReasonCode> InFilterOrder(MqttSubscribePacket subscribe)
    {
        var codes = new List<MqttSubscribeReasonCode>(subscribe.TopicFilters.Count);
        foreach (MqttTopicFilter filter in subscribe.TopicFilters)
            codes.Add(_decided.TryRemove(filter, out MqttSubscribeReasonCode code) ? code : MqttSubscribeReasonCode.UnspecifiedError);
        return codes;
    }

    public MqttPacketFormatterAdapter PacketFormatterAdapter => _inner.PacketFormatterAdapter;
    public long BytesReceived => _inner.BytesReceived;
    public long BytesSent => _inner.BytesSent;
    public X509Certificate2 ClientCertificate => _inner.ClientCertificate;
    public EndPoint RemoteEndPoint => _inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => _inner.LocalEndPoint;
    public bool IsSecureConnection => _inner.IsSecureConnection;
    public Task ConnectAsync(CancellationToken cancellationToken) => _inner.ConnectAsync(cancellationToken);
    public Task DisconnectAsync(CancellationToken cancellationToken) => _inner.DisconnectAsync(cancellationToken);
    public void ResetStatistics() => _inner.ResetStatistics();
    public void Dispose() => _inner.Dispose();

    /// <summary>MQTTnet's TCP/TLS listeners, handing each accepted connection to the server as a <see cref="DeviceChannel"/>.</summary>
    public sealed class Listener : IMqttServerAdapter
    {
        readonly MqttTcpServerAdapter _tcp = new();
        readonly Func<DeviceChannel, Task> _accepting;
        int _open;

        public Listener(Func<DeviceChannel, Task> accepting)
        {
            _accepting = accepting;
            _tcp.ClientHandler = ServeAsync;
        }

        /// <summary>Connections accepted and not yet closed (each holds a descriptor), CONNECT read or not.</summary>
        public int Open => Volatile.Read(ref _open);

        async Task ServeAsync(IMqttChannelAdapter channel)
        {
            Interlocked.Increment(ref _open);
            try
            {
                if (ClientHandler is { } handler) await handler(new DeviceChannel(channel, _accepting)).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        }

        public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }
        public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => _tcp.StartAsync(options, logger);
        public Task StopAsync() => _tcp.StopAsync();
        public void Dispose() => _tcp.Dispose();
    }
}
