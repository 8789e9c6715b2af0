using System;
using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LinkKit.Nano.Transport;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LinkKit.Nano
{
    /// <summary>
    /// <see cref="IMqttTransport"/> on MQTTnet 5 for PCs: the same client code as on the device, over a host MQTT
    /// library. A fresh MQTTnet client per connect attempt (so DNS resolves again). TLS trusts only the request's
    /// CA certificates and checks the host name. Publish, subscribe and unsubscribe return at once; their
    /// acknowledgements arrive through the sink from MQTTnet's threads.
    /// </summary>
    /// <remarks>
    /// Allocates per message (MQTTnet does; publish payloads are copied into pooled arrays because MQTTnet sends after
    /// the call returns); the allocation-free promise is the portable core's. Message ids are this adapter's own
    /// (1-65535), not the wire packet ids, which MQTTnet assigns later.
    /// </remarks>
    public sealed class MqttNetTransport : IMqttTransport, IDisposable
    {
        private static readonly TcpSocketProvider s_tcp = new TcpSocketProvider();
        private readonly MqttClientFactory _factory = new MqttClientFactory();
        private readonly object _lock = new object();
        private IMqttClient _client;
        private IMqttTransportSink _sink;
        private int _lastId;
        private byte[] _topicBuffer = new byte[256];
        private readonly TopicStringCache _publishTopics = new TopicStringCache(16);
        private readonly PublishTracker _publishes = new PublishTracker();

        /// <summary>How long a connect attempt (TCP, TLS, CONNACK) may take; default 10 s.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <inheritdoc/>
        public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent)
        {
            sessionPresent = false;
            Close();
            MqttClientOptions options;
            try
            {
                options = BuildOptions(request);
            }
            catch (Exception)
            {
                return ConnectResult.InvalidParameter; // e.g. no certificate in the PEM
            }

            IMqttClient client = _factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e => OnMessageReceived(client, e);
            client.DisconnectedAsync += e => OnDisconnected(client, e);
            lock (_lock)
            {
                _client = client;
                _sink = sink;
            }

            try
            {
                MqttClientConnectResult result = client.ConnectAsync(options, CancellationToken.None).GetAwaiter().GetResult();
                if (result.ResultCode != MqttClientConnectResultCode.Success) return ToConnackCode(result.ResultCode);
                sessionPresent = result.IsSessionPresent;
                return ConnectResult.Accepted;
            }
            catch (Exception e)
            {
                return Classify(e);
            }
        }

        /// <inheritdoc/>
        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            IMqttClient client;
            IMqttTransportSink sink;
            if (!TryGetConnected(out client, out sink)) return ErrorCode.NotConnected;
            byte[] copy = _publishes.Copy(payload, payloadOffset, payloadCount); // MQTTnet sends after we return; the caller may reuse its buffer
            MqttApplicationMessage message = new MqttApplicationMessage
            {
                Topic = _publishTopics.Get(topic, topicOffset, topicCount),
                Payload = new ReadOnlySequence<byte>(copy, 0, payloadCount),
                QualityOfServiceLevel = qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce,
            };
            int id = NextId();
            Task<MqttClientPublishResult> sent;
            try
            {
                sent = client.PublishAsync(message, CancellationToken.None);
            }
            catch (Exception)
            {
                _publishes.Release(copy);   // refused before sending (e.g. the client disconnected meanwhile)
                throw;
            }

            // Only a QoS 1 publish is reported back.
            _publishes.Track(sent, copy, qos == 1 ? sink : null, id);
            return id;
        }

        /// <inheritdoc/>
        public int Subscribe(string[] topicFilters, int[] qos, int count)
        {
            IMqttClient client;
            IMqttTransportSink sink;
            if (!TryGetConnected(out client, out sink)) return ErrorCode.NotConnected;
            MqttClientSubscribeOptionsBuilder builder = _factory.CreateSubscribeOptionsBuilder();
            for (int i = 0; i < count; i++)
            {
                builder.WithTopicFilter(topicFilters[i], qos[i] == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce);
            }

            int id = NextId();
            client.SubscribeAsync(builder.Build(), CancellationToken.None).ContinueWith(t =>
            {
                if (t.Status != TaskStatus.RanToCompletion) return; // the connection went away: no SUBACK
                byte[] granted = new byte[count];
                int n = 0;
                foreach (MqttClientSubscribeResultItem item in t.Result.Items)
                {
                    if (n == count) break;
                    int code = (int)item.ResultCode;
                    granted[n++] = (byte)(code <= 2 ? code : 0x80);
                }

                sink.OnSubscribeAcknowledged(id, granted, n);
            }, TaskScheduler.Default);
            return id;
        }

        /// <inheritdoc/>
        public int Unsubscribe(string[] topicFilters, int count)
        {
            IMqttClient client;
            IMqttTransportSink sink;
            if (!TryGetConnected(out client, out sink)) return ErrorCode.NotConnected;
            MqttClientUnsubscribeOptionsBuilder builder = _factory.CreateUnsubscribeOptionsBuilder();
            for (int i = 0; i < count; i++) builder.WithTopicFilter(topicFilters[i]);
            int id = NextId();
            client.UnsubscribeAsync(builder.Build(), CancellationToken.None).ContinueWith(t =>
            {
                if (t.Status == TaskStatus.RanToCompletion) sink.OnUnsubscribeAcknowledged(id);
            }, TaskScheduler.Default);
            return id;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            IMqttClient client = Detach();
            if (client == null) return;
            try
            {
                client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None)
                    .Wait(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // The link may already be gone; closing below is all that is left to do.
            }

            client.Dispose();
        }

        /// <inheritdoc/>
        public void Close()
        {
            IMqttClient client = Detach();
            if (client != null) client.Dispose();
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        private MqttClientOptions BuildOptions(MqttConnectRequest request)
        {
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(request.Host, request.Port)
                .WithStreamProvider(s_tcp)
                .WithClientId(request.ClientId)
                .WithCredentials(request.Username, request.Password)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(request.KeepAliveSeconds))
                .WithCleanSession(request.CleanSession)
                .WithProtocolVersion(request.Protocol == MqttProtocol.Mqtt31 ? MqttProtocolVersion.V310 : MqttProtocolVersion.V311)
                .WithTimeout(ConnectTimeout)
                // One write per packet: otherwise a PUBLISH goes out as two sends (header, then payload), and with
                // Nagle off as two TCP segments.
                .WithoutPacketFragmentation();
            if (request.UseTls)
            {
                X509Certificate2Collection roots = PemTrust.Roots(request.CaCertificatesPem);
                builder.WithTlsOptions(tls => tls
                    .UseTls(true)
                    .WithTargetHost(request.Host)
                    .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                    .WithCertificateValidationHandler(args => IsTrusted(args, roots)));
            }

            return builder.Build();
        }

        /// <summary>Trusts a server only if its chain ends in one of <paramref name="roots"/> and its name matches the host.</summary>
        private static bool IsTrusted(MqttClientCertificateValidationEventArgs args, X509Certificate2Collection roots)
        {
            if (args.Certificate == null) return false;
            if ((args.SslPolicyErrors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
            using X509Chain chain = new X509Chain { ChainPolicy = PemTrust.Policy(roots) };
            if (args.Chain != null)
            {
                foreach (X509ChainElement element in args.Chain.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }

            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(args.Certificate.GetRawCertData());
            return chain.Build(certificate);
        }

        private Task OnMessageReceived(IMqttClient client, MqttApplicationMessageReceivedEventArgs e)
        {
            IMqttTransportSink sink;
            lock (_lock)
            {
                if (client != _client) return Task.CompletedTask;
                sink = _sink;
            }

            MqttApplicationMessage message = e.ApplicationMessage;
            string topic = message.Topic;

            // MQTTnet raises this event for one message at a time per client, so one topic buffer is enough.
            int topicCount = Encoding.UTF8.GetByteCount(topic);
            if (_topicBuffer.Length < topicCount) _topicBuffer = new byte[topicCount];
            Encoding.UTF8.GetBytes(topic, 0, topic.Length, _topicBuffer, 0);

            ReadOnlySequence<byte> payload = message.Payload;
            ArraySegment<byte> segment;
            if (!(payload.IsSingleSegment && MemoryMarshal.TryGetArray(payload.First, out segment)))
            {
                segment = new ArraySegment<byte>(payload.ToArray());
            }

            sink.OnMessageReceived(_topicBuffer, 0, topicCount, segment.Array ?? Array.Empty<byte>(), segment.Offset, segment.Count, (int)message.QualityOfServiceLevel);
            return Task.CompletedTask;
        }

        private Task OnDisconnected(IMqttClient client, MqttClientDisconnectedEventArgs e)
        {
            IMqttTransportSink sink;
            lock (_lock)
            {
                // Only the live client's loss counts; our own Disconnect/Close detached it first.
                if (client != _client || !e.ClientWasConnected) return Task.CompletedTask;
                sink = _sink;
            }

            sink.OnConnectionLost();
            return Task.CompletedTask;
        }

        private bool TryGetConnected(out IMqttClient client, out IMqttTransportSink sink)
        {
            lock (_lock)
            {
                client = _client;
                sink = _sink;
                return client != null && client.IsConnected;
            }
        }

        private IMqttClient Detach()
        {
            lock (_lock)
            {
                IMqttClient client = _client;
                _client = null;
                _sink = null;
                return client;
            }
        }

        private int NextId()
        {
            lock (_lock)
            {
                _lastId = _lastId == 65535 ? 1 : _lastId + 1;
                return _lastId;
            }
        }

        /// <summary>MQTTnet reports MQTT 3.1.1 CONNACK codes as their MQTT 5 equivalents; map them back.</summary>
        private static int ToConnackCode(MqttClientConnectResultCode code)
        {
            switch (code)
            {
                case MqttClientConnectResultCode.UnsupportedProtocolVersion: return ConnectResult.UnacceptableProtocolVersion;
                case MqttClientConnectResultCode.ClientIdentifierNotValid: return ConnectResult.IdentifierRejected;
                case MqttClientConnectResultCode.ServerUnavailable: return ConnectResult.ServerUnavailable;
                case MqttClientConnectResultCode.BadUserNameOrPassword: return ConnectResult.BadUsernameOrPassword;
                case MqttClientConnectResultCode.NotAuthorized: return ConnectResult.NotAuthorized;
                default: return (int)code;
            }
        }

        private static int Classify(Exception e)
        {
            for (Exception x = e; x != null; x = x.InnerException)
            {
                if (x is AuthenticationException) return ConnectResult.TlsFailure;
                if (x is TimeoutException || x is OperationCanceledException || x is MQTTnet.Exceptions.MqttCommunicationTimedOutException) return ConnectResult.Timeout;
                if (x is SocketException) return ConnectResult.NetworkError;
            }

            return ConnectResult.NetworkError;
        }
    }
}
