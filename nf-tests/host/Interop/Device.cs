using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>
    /// A LinkKitClient over the MQTTnet transport, as a device would run it, with every event recorded and the
    /// transport wrapped to time-stamp each connect attempt and connection loss.
    /// </summary>
    public sealed class Device : IDisposable
    {
        public const string ProductKey = "a1TestPK001";
        public const string DeviceName = "dev-001";
        public const string DeviceSecret = "0123456789abcdef0123456789abcdef";

        public readonly LinkKitClient Client;
        public readonly TimingTransport Transport;
        public readonly CapturingLogSink Log = new CapturingLogSink();
        public readonly BlockingCollection<int> ConnectResults = new BlockingCollection<int>();
        public readonly BlockingCollection<int> DisconnectReasons = new BlockingCollection<int>();
        public readonly BlockingCollection<string> Messages = new BlockingCollection<string>();

        public Device(string host, int port, LinkKitOptions options)
        {
            Transport = new TimingTransport(new MqttNetTransport { ConnectTimeout = TimeSpan.FromSeconds(5) });
            options.Port = port;
            Client = new LinkKitClient(Transport, host, ProductKey, DeviceName, DeviceSecret, options);
            Client.EnableLogger(LogLevel.Debug, Log);
            Client.ConnectCompleted += (sender, sessionPresent, result) => ConnectResults.Add(result);
            Client.Disconnected += (sender, reason) => DisconnectReasons.Add(reason);
            Client.MessageReceived += (sender, message) => Messages.Add(message.GetTopic() + " " + message.GetPayloadString());
        }

        public static LinkKitOptions PlainOptions()
        {
            LinkKitOptions options = new LinkKitOptions();
            options.UseTls = false;
            options.ReconnectMinSeconds = 1;
            options.ReconnectMaxSeconds = 2;
            return options;
        }

        public int NextConnectResult(string what)
        {
            int result;
            if (!ConnectResults.TryTake(out result, TimeSpan.FromSeconds(20))) throw new TimeoutException("no ConnectCompleted: " + what);
            return result;
        }

        public int NextDisconnectReason(string what)
        {
            int reason;
            if (!DisconnectReasons.TryTake(out reason, TimeSpan.FromSeconds(20))) throw new TimeoutException("no Disconnected: " + what);
            return reason;
        }

        public void Dispose()
        {
            Client.Destruct();
        }
    }

    /// <summary>Forwards to a real transport and time-stamps connect attempts (start, end, result) and losses.</summary>
    public sealed class TimingTransport : IMqttTransport
    {
        private readonly IMqttTransport _inner;
        private readonly object _lock = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly System.Collections.Generic.List<Attempt> _attempts = new System.Collections.Generic.List<Attempt>();
        private readonly System.Collections.Generic.List<double> _losses = new System.Collections.Generic.List<double>();

        public TimingTransport(IMqttTransport inner)
        {
            _inner = inner;
        }

        public struct Attempt
        {
            public double Start;
            public double End;
            public int Result;
        }

        public Attempt[] Attempts
        {
            get
            {
                lock (_lock)
                {
                    return _attempts.ToArray();
                }
            }
        }

        public double[] Losses
        {
            get
            {
                lock (_lock)
                {
                    return _losses.ToArray();
                }
            }
        }

        public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent)
        {
            double start = _clock.Elapsed.TotalSeconds;
            int result = _inner.Connect(request, new TimingSink(this, sink), out sessionPresent);
            lock (_lock)
            {
                _attempts.Add(new Attempt { Start = start, End = _clock.Elapsed.TotalSeconds, Result = result });
            }

            return result;
        }

        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            return _inner.Publish(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
        }

        public int Subscribe(string[] topicFilters, int[] qos, int count) { return _inner.Subscribe(topicFilters, qos, count); }

        public int Unsubscribe(string[] topicFilters, int count) { return _inner.Unsubscribe(topicFilters, count); }

        public void Disconnect() { _inner.Disconnect(); }

        public void Close() { _inner.Close(); }

        private void RecordLoss()
        {
            lock (_lock)
            {
                _losses.Add(_clock.Elapsed.TotalSeconds);
            }
        }

        private sealed class TimingSink : IMqttTransportSink
        {
            private readonly TimingTransport _owner;
            private readonly IMqttTransportSink _inner;

            public TimingSink(TimingTransport owner, IMqttTransportSink inner)
            {
                _owner = owner;
                _inner = inner;
            }

            public void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
            {
                _inner.OnMessageReceived(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            }

            public void OnPublishCompleted(int messageId, bool acknowledged) { _inner.OnPublishCompleted(messageId, acknowledged); }

            public void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count) { _inner.OnSubscribeAcknowledged(messageId, grantedQos, count); }

            public void OnUnsubscribeAcknowledged(int messageId) { _inner.OnUnsubscribeAcknowledged(messageId); }

            public void OnConnectionLost()
            {
                _owner.RecordLoss();
                _inner.OnConnectionLost();
            }
        }
    }
}
