using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Auth;
using LinkKit.Emulator.WebConsole;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LinkKit.Emulator.Broker;

/// <summary>What the cloud side does with connections and uplinks; the broker itself only routes.</summary>
public interface IBrokerHandler
{
    Task OnConnectedAsync(DeviceSession session);
    Task OnDisconnectedAsync(DeviceSession session);
    Task OnUplinkAsync(DeviceSession session, string topic, byte[] payload);
}

/// <summary>
/// The embedded MQTT 3.1.1 broker (MQTTnet's server) on loopback: plain and TLS listeners, platform-style device
/// authentication, one connection per device (a newer login takes over), server-side subscription for <c>_ss=1</c> (and for
/// broadcasts, for every device),
/// topic permissions, and no routing of device uplinks to other clients: the cloud consumes every uplink, as on the
/// platform.
/// </summary>
public sealed class EmulatorBroker : IDownlink, IAsyncDisposable
{
    const string SessionKey = "linkkit.session";
    const string ChannelKey = "linkkit.channel";

    // Downlinks waiting for one device before the broker drops new ones: room for a cloud burst (5,000 property sets
    // in one go) while a device that answers them at its window's pace holds its reading back.
    const int MaxPendingPerDevice = 10_000;
    readonly EmulatorOptions _options;
    readonly DeviceAuthenticator _authenticator;
    readonly TopicPermissions _permissions;
    readonly ILogger _log;
    readonly ConcurrentDictionary<string, DeviceSession> _devices = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, DeviceSession>.AlternateLookup<ReadOnlySpan<char>> _devicesBySpan;
    readonly ConcurrentDictionary<MqttApplicationMessage, string> _targeted = new(ReferenceEqualityComparer.Instance);
    MqttServer? _server;
    DeviceChannel.Listener? _listener;
    long _uplinks;
    long _dropped;

    public EmulatorBroker(EmulatorOptions options, DeviceAuthenticator authenticator, TopicPermissions permissions, ResourceLimits limits, Func<long> clock, ILogger log)
    {
        _options = options;
        Limits = limits;
        _authenticator = authenticator;
        _permissions = permissions;
        _log = log;
        _devicesBySpan = _devices.GetAlternateLookup<ReadOnlySpan<char>>();
        Tap = new MessageTap(clock);
    }

    /// <summary>What is refused or shed when descriptors, memory or database queue room run short.</summary>
    public ResourceLimits Limits { get; }

    /// <summary>Connections accepted and not yet closed.</summary>
    public int OpenConnections => _listener?.Open ?? 0;

    /// <summary>What the web console's live stream shows; costs a field read per message while no console watches.</summary>
    public MessageTap Tap { get; }

    /// <summary>The cloud side; set before <see cref="StartAsync"/>.</summary>
    public IBrokerHandler Handler { get; set; } = NoHandler.Instance;

    public int? MqttPort { get; private set; }
    public int? MqttTlsPort { get; private set; }
    public long UplinkCount => Interlocked.Read(ref _uplinks);
    public long DroppedCount => Interlocked.Read(ref _dropped);

    public async Task StartAsync(X509Certificate2? serverCertificate)
    {
        // A port chosen for "0" can be taken by someone else before MQTTnet binds it: choose again a few times.
        bool chosen = _options.MqttPort == 0 || (_options.MqttTlsPort == 0 && serverCertificate != null);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(serverCertificate).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (chosen && attempt < 5)
            {
                _server?.Dispose();
                _server = null;
            }
        }
    }

    async Task StartOnceAsync(X509Certificate2? serverCertificate)
    {
        MqttPort = _options.MqttPort is int p ? Ports.Resolve(_options.BindAddress, p) : null;
        MqttTlsPort = _options.MqttTlsPort is int t && serverCertificate != null ? Ports.Resolve(_options.BindAddress, t) : null;

        // Full: the new downlink is refused (counted), not the oldest one waiting silently discarded (MQTTnet's default).
        var builder = new MqttServerOptionsBuilder().WithMaxPendingMessagesPerClient(MaxPendingPerDevice)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage);
        if (MqttPort is int plain)
            builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(V4(_options.BindAddress))
                .WithDefaultEndpointBoundIPV6Address(V6(_options.BindAddress)).WithDefaultEndpointPort(plain);
        else
            builder.WithoutDefaultEndpoint();
        if (MqttTlsPort is int tls)
            builder.WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(V4(_options.BindAddress))
                .WithEncryptedEndpointBoundIPV6Address(V6(_options.BindAddress)).WithEncryptedEndpointPort(tls)
                .WithEncryptionCertificate(serverCertificate!).WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);

        _listener = new DeviceChannel.Listener(AcceptingAsync);
        _server = new MqttServerFactory().CreateMqttServer(builder.Build(), [_listener]);
        _server.ValidatingConnectionAsync += ValidateAsync;
        _server.ClientConnectedAsync += ConnectedAsync;
        _server.ClientDisconnectedAsync += DisconnectedAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.InterceptingUnsubscriptionAsync += InterceptUnsubscriptionAsync;
        _server.InterceptingClientEnqueueAsync += InterceptEnqueueAsync;
        _server.ApplicationMessageNotConsumedAsync += args =>
        {
            _log.LogDebug("nobody subscribed to {Topic}", args.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await _server.StartAsync().ConfigureAwait(false);
    }

    // Both address families are bound by MQTTnet unless told otherwise: bind only the family of the chosen address.
    static IPAddress V4(IPAddress bind) => bind.AddressFamily == AddressFamily.InterNetwork ? bind : IPAddress.None;
    static IPAddress V6(IPAddress bind) => bind.AddressFamily == AddressFamily.InterNetworkV6 ? bind : IPAddress.None;

    /// <summary>The current session of a device, or null when it is offline.</summary>
    public DeviceSession? GetSession(string productKey, string deviceName) =>
        _devices.TryGetValue(productKey + "/" + deviceName, out DeviceSession? s) ? s : null;

    public bool IsOnline(string productKey, string deviceName) => GetSession(productKey, deviceName) != null;

    public int OnlineCount => _devices.Count;

    /// <summary>Publishes a downlink to whoever is subscribed to <paramref name="topic"/> (only its device may be).</summary>
    public Task PublishAsync(string topic, byte[] payload, int qos = 0)
    {
        MqttServer server = _server ?? throw new InvalidOperationException("broker not started");
        if (_log.IsEnabled(LogLevel.Debug)) _log.LogDebug("cloud → {Topic} ({Length} bytes)", topic, payload.Length);
        if (Tap.IsWatched) Tap.Downlink(topic, payload, qos);
        if (TryQueueForDevice(topic, payload, qos)) return Task.CompletedTask;
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(Message(topic, payload, qos)) { SenderClientId = "cloud" });
    }

    // MQTTnet routes an injected message by checking every subscribing session, a cost that grows with the fleet
    // (10,000 devices: 10,000 checks per reply). A device's own topic can only reach that device: queue it on its
    // session when one of its granted filters matches. Anything else (a subscription kept from an earlier connection
    // with a stored session, broadcasts, other clients) takes MQTTnet's routing.
    bool TryQueueForDevice(string topic, byte[] payload, int qos)
    {
        if (!DeviceTopics.TryGetDeviceKey(topic, out ReadOnlySpan<char> key) || !_devicesBySpan.TryGetValue(key, out DeviceSession? session) ||
            session.Mqtt is not { } mqtt)
            return false;
        int granted = session.Subscriptions.MatchQos(topic);
        if (granted < 0) return false;
        if (!mqtt.TryEnqueueApplicationMessage(Message(topic, payload, Math.Min(qos, granted)), out _))
        {
            Interlocked.Increment(ref _dropped);
            _log.LogWarning("{Device}: downlink to {Topic} dropped: the connection's queue is full", session.DeviceKey, topic);
        }
        return true;
    }

    /// <summary>Publishes to one connection only, after subscribing it server-side (registration pushes).</summary>
    public async Task PublishToClientAsync(string clientId, string topic, byte[] payload)
    {
        MqttServer server = _server ?? throw new InvalidOperationException("broker not started");
        await server.SubscribeAsync(clientId, topic).ConfigureAwait(false);
        MqttApplicationMessage message = Message(topic, payload, 0);
        if (Tap.IsWatched) Tap.Downlink(topic, payload, 0);
        _targeted[message] = clientId;
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = "cloud" }).ConfigureAwait(false);
        }
        finally
        {
            _targeted.TryRemove(message, out _);
        }
    }

    static MqttApplicationMessage Message(string topic, byte[] payload, int qos) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build();

    public Task DisconnectDeviceAsync(string productKey, string deviceName) =>
        GetSession(productKey, deviceName) is DeviceSession session ? DisconnectAsync(session.ClientId) : Task.CompletedTask;

    public Task DisconnectAsync(string clientId) =>
        _server?.DisconnectClientAsync(clientId, MqttDisconnectReasonCode.SessionTakenOver) ?? Task.CompletedTask;

    Task ValidateAsync(ValidatingConnectionEventArgs args)
    {
        if (Limits.RefuseConnection(OpenConnections) != null)
        {
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;     // CONNACK 3; counted and logged by the limits
            return Task.CompletedTask;
        }
        int keepAlive = args.KeepAlivePeriod is { } k ? (int)k : 0;
        AuthDecision decision;
        try
        {
            decision = _authenticator.Authenticate(args.ClientId, args.UserName, args.Password, args.IsSecureConnection, keepAlive);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "authentication failed with an exception");
            decision = new AuthDecision(MqttConnectReasonCode.ServerUnavailable, "internal error", null);
        }
        args.ReasonCode = decision.Code;
        if (decision.Accepted)
        {
            args.SessionItems[SessionKey] = decision.Session!;
            if (args.ChannelAdapter is DeviceChannel channel)
            {
                channel.Session = decision.Session;
                args.SessionItems[ChannelKey] = channel;
            }
            _log.LogInformation("CONNECT accepted {Kind} {Device} ({Transport})", decision.Session!.Kind, decision.Session.DeviceKey,
                args.IsSecureConnection ? "TLS" : "TCP");
        }
        else
        {
            _log.LogWarning("CONNECT refused ({Code}): {Reason}; clientId {ClientId}", (int)decision.Code, decision.Reason, args.ClientId);
        }
        return Task.CompletedTask;
    }

    // Runs just before a successful CONNACK leaves: from then on the device is online, as on the platform. Subscribe
    // and record the login first, then count the device: a call made as soon as it is online must reach it, and the
    // registry must already say so (status, activation and login times).
    async Task AcceptingAsync(DeviceChannel channel)
    {
        DeviceSession session = channel.Session!;
        if (session.IsRegistration) return;     // served once connected (ConnectedAsync): its push follows the CONNACK
        try
        {
            // Every device receives its product's broadcasts without subscribing, as on the platform; _ss=1 brings the other
            // downlinks too (its /sys/{pk}/{dn}/# holds the broadcast topic).
            await _server!.SubscribeAsync(session.ClientId, session.Credentials.ServerSideSubscription ? ServerSideTopics(session) : [BroadcastTopic(session)])
                .ConfigureAwait(false);
            session.Mqtt = await _server.GetSessionAsync(session.ClientId).ConfigureAwait(false);
            try
            {
                await Handler.OnConnectedAsync(session).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "{Device}: recording the login failed", session.DeviceKey); // still served
            }
            // One connection per device: a newer login takes over (docs/protocol.md, Connections).
            DeviceSession? previous = null;
            _devices.AddOrUpdate(session.DeviceKey, session, (_, old) => { previous = old; return session; });
            if (Tap.IsWatched) Tap.Connected(session);
            if (previous != null && previous.ClientId != session.ClientId)
            {
                _log.LogInformation("{Device}: new connection takes over from {Old}", session.DeviceKey, previous.ClientId);
                // Not awaited: the new connection is served while the old one is torn down.
                string oldClientId = previous.ClientId;
                _ = Task.Run(async () =>
                {
                    try { await DisconnectAsync(oldClientId).ConfigureAwait(false); }
                    catch (Exception ex) { _log.LogWarning(ex, "dropping {ClientId} failed", oldClientId); }
                });
            }
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "{Device}: connect handling failed", session.DeviceKey);
        }
    }

    async Task ConnectedAsync(ClientConnectedEventArgs args)
    {
        if (args.SessionItems[SessionKey] is not DeviceSession { IsRegistration: true } session) return;
        try
        {
            await Handler.OnConnectedAsync(session).ConfigureAwait(false);   // registration: push the secret or token
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "{Device}: connect handling failed", session.DeviceKey);
        }
    }

    async Task DisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (args.SessionItems[SessionKey] is not DeviceSession session || session.IsRegistration) return;
        // Remove only if this connection is still the device's current one (a takeover replaced it otherwise).
        if (args.DisconnectType == MqttClientDisconnectType.Takeover) return;
        if (!_devices.TryRemove(new KeyValuePair<string, DeviceSession>(session.DeviceKey, session))) return;
        _log.LogInformation("{Device} disconnected ({Type})", session.DeviceKey, args.DisconnectType);
        if (Tap.IsWatched) Tap.Disconnected(session, args.DisconnectType.ToString());
        try
        {
            await Handler.OnDisconnectedAsync(session).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "{Device}: disconnect handling failed", session.DeviceKey);
        }
    }

    async Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        // Messages the cloud injects pass through here too (with the server's session items): route them.
        if (ReferenceEquals(args.SessionItems, _server?.ServerSessionItems)) return;
        // Every uplink goes to the cloud only; nothing a device publishes is routed to other MQTT clients.
        args.ProcessPublish = false;
        if (args.SessionItems[SessionKey] is not DeviceSession session || session.IsRegistration)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        Interlocked.Increment(ref _uplinks);
        string topic = args.ApplicationMessage.Topic;
        if (!_permissions.MayPublish(session, topic))
        {
            // MQTT 3.1.1 cannot refuse a PUBLISH: drop it, or close the connection when so configured.
            Interlocked.Increment(ref _dropped);
            args.CloseConnection = _options.CloseOnForbiddenPublish;
            _log.LogWarning("{Device}: PUBLISH to {Topic} is not permitted (no topic class with PUB for it){Action}", session.DeviceKey, topic,
                args.CloseConnection ? "; connection closed" : "; dropped");
            if (Tap.IsWatched) Tap.Uplink(session, topic, args.ApplicationMessage.Payload.ToArray(), "not permitted: no topic class with PUB for it");
            return;
        }
        if (_log.IsEnabled(LogLevel.Debug)) _log.LogDebug("{Device} → {Topic} ({Length} bytes)", session.DeviceKey, topic, args.ApplicationMessage.Payload.Length);
        long length = args.ApplicationMessage.Payload.Length;
        if (length > _options.MaxPayloadBytes)
        {
            Interlocked.Increment(ref _dropped);
            _log.LogWarning("{Device}: dropped {Length}-byte payload on {Topic} (limit {Limit})", session.DeviceKey, length, topic, _options.MaxPayloadBytes);
            if (Tap.IsWatched) Tap.Uplink(session, topic, [], $"{length} bytes, over the {_options.MaxPayloadBytes}-byte limit");
            return;
        }
        if (Limits.ShedUplink() is string shed)
        {
            if (Tap.IsWatched) Tap.Uplink(session, topic, args.ApplicationMessage.Payload.ToArray(), "shed: " + shed);
            return;
        }
        byte[] payload = args.ApplicationMessage.Payload.ToArray();
        // Before the cloud handles it: the console lists a request before the reply the handler publishes.
        if (Tap.IsWatched) Tap.Uplink(session, topic, payload);
        try
        {
            await Handler.OnUplinkAsync(session, topic, payload).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _dropped);
            _log.LogError(ex, "{Device}: handling {Topic} failed", session.DeviceKey, topic);
        }
    }

    Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        string filter = args.TopicFilter.Topic;
        bool allowed = args.SessionItems[SessionKey] is DeviceSession session && _permissions.MaySubscribe(session, filter);
        _log.LogDebug("SUBSCRIBE {Filter} by {ClientId}: {Result}", filter, args.ClientId, allowed ? "granted" : "refused");
        if (!allowed)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.UnspecifiedError;     // SUBACK 0x80 (docs/protocol.md, Limits and subscriptions)
            _log.LogWarning("SUBSCRIBE {Filter} refused for {ClientId}", filter, args.ClientId);
        }
        else
        {
            if (args.Response.ReasonCode == MqttSubscribeReasonCode.GrantedQoS2)
                args.Response.ReasonCode = MqttSubscribeReasonCode.GrantedQoS1;   // the platform has no QoS 2: grant the most it has
            ((DeviceSession)args.SessionItems[SessionKey]!).Subscriptions.Grant(filter, (int)args.Response.ReasonCode);   // GrantedQoS0/1 are 0/1
        }
        (args.SessionItems[ChannelKey] as DeviceChannel)?.Decided(args.TopicFilter, args.Response.ReasonCode);
        return Task.CompletedTask;
    }

    Task InterceptUnsubscriptionAsync(InterceptingUnsubscriptionEventArgs args)
    {
        if (args.SessionItems[SessionKey] is DeviceSession session) session.Subscriptions.Remove(args.Topic);
        return Task.CompletedTask;
    }

    Task InterceptEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (_targeted.TryGetValue(args.ApplicationMessage, out string? target) && target != args.ReceiverClientId)
            args.AcceptEnqueue = false;
        return Task.CompletedTask;
    }

    /// <summary>The downlink topics a <c>_ss=1</c> device receives without subscribing (the Python SDK sends no SUBSCRIBE).</summary>
    public static MqttTopicFilter[] ServerSideTopics(DeviceSession session)
    {
        string pk = session.ProductKey, dn = session.DeviceName;
        string[] topics =
        [
            $"/sys/{pk}/{dn}/#",
            $"/shadow/get/{pk}/{dn}",
            $"/ota/device/upgrade/{pk}/{dn}",
            $"/ext/rrpc/+/sys/{pk}/{dn}/#",
            $"/ext/ntp/{pk}/{dn}/response",
            $"/ext/session/{pk}/{dn}/#",
            $"/ext/error/{pk}/{dn}",
        ];
        return topics.Select(t => new MqttTopicFilterBuilder().WithTopic(t).WithAtMostOnceQoS().Build()).ToArray();
    }

    /// <summary>Where a device receives PubBroadcast messages sent to all of its product's online devices, subscribed or not.</summary>
    public static MqttTopicFilter BroadcastTopic(DeviceSession session) =>
        new MqttTopicFilterBuilder().WithTopic($"/sys/{session.ProductKey}/{session.DeviceName}/broadcast/request/+").WithAtMostOnceQoS().Build();

    public async Task StopAsync()
    {
        if (_server == null) return;
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
        _server = null;
        _devices.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    sealed class NoHandler : IBrokerHandler
    {
        public static readonly NoHandler Instance = new();
        public Task OnConnectedAsync(DeviceSession session) => Task.CompletedTask;
        public Task OnDisconnectedAsync(DeviceSession session) => Task.CompletedTask;
        public Task OnUplinkAsync(DeviceSession session, string topic, byte[] payload) => Task.CompletedTask;
    }
}
