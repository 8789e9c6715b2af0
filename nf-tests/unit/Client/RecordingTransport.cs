using System;
using System.Threading;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>
    /// An <see cref="IMqttTransport"/> for tests: records what the client sends into storage allocated once, answers
    /// connects from a script, and lets the test inject what a broker would send (messages, acks, a dropped link).
    /// Publish, subscribe bookkeeping and injection allocate nothing.
    /// </summary>
    public sealed class RecordingTransport : IMqttTransport
    {
        private readonly object _lock = new object();
        private readonly int[] _connectScript = new int[64];
        private int _scriptHead;
        private int _scriptCount;
        private int _nextId = 1;

        private readonly byte[] _publishTopic;
        private readonly byte[] _publishPayload;
        private readonly string[] _subscribeFilters = new string[64];
        private readonly int[] _subscribeQos = new int[64];
        private readonly string[] _unsubscribeFilters = new string[64];

        /// <summary>Creates a transport that records publishes of up to the given sizes.</summary>
        public RecordingTransport(int topicCapacity, int payloadCapacity)
        {
            _publishTopic = new byte[topicCapacity];
            _publishPayload = new byte[payloadCapacity];
        }

        /// <summary>Signalled after every Connect call returns.</summary>
        public readonly AutoResetEvent ConnectReturned = new AutoResetEvent(false);

        /// <summary>The sink of the current connection (null before the first Connect).</summary>
        public IMqttTransportSink Sink;

        /// <summary>Session-present flag reported by accepted connects.</summary>
        public bool SessionPresent;

        /// <summary>When negative, Publish/Subscribe/Unsubscribe return it instead of queuing.</summary>
        public int FailWith;

        /// <summary>When true, Publish throws (as a broken library might).</summary>
        public bool ThrowOnPublish;

        public bool IsConnected;
        public int ConnectCount;
        public int DisconnectCount;
        public int CloseCount;
        public MqttConnectRequest LastRequest = new MqttConnectRequest();

        public int PublishCount;
        public int LastPublishId;
        public int LastPublishQos;
        public int LastPublishTopicCount;
        public int LastPublishPayloadCount;

        public int SubscribeCount;
        public int LastSubscribeId;
        public int LastSubscribeCount;

        public int UnsubscribeCount;
        public int LastUnsubscribeId;
        public int LastUnsubscribeCount;

        /// <summary>Makes the next connect attempts return these results, in order; afterwards attempts are accepted.</summary>
        public void EnqueueConnectResult(int result)
        {
            lock (_lock)
            {
                _connectScript[(_scriptHead + _scriptCount) % _connectScript.Length] = result;
                _scriptCount++;
            }
        }

        public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent)
        {
            int result = ConnectResult.Accepted;
            lock (_lock)
            {
                ConnectCount++;
                LastRequest.Host = request.Host;
                LastRequest.Port = request.Port;
                LastRequest.UseTls = request.UseTls;
                LastRequest.CaCertificatesPem = request.CaCertificatesPem;
                LastRequest.ClientId = request.ClientId;
                LastRequest.Username = request.Username;
                LastRequest.Password = request.Password;
                LastRequest.KeepAliveSeconds = request.KeepAliveSeconds;
                LastRequest.CleanSession = request.CleanSession;
                LastRequest.Protocol = request.Protocol;
                if (_scriptCount > 0)
                {
                    result = _connectScript[_scriptHead];
                    _scriptHead = (_scriptHead + 1) % _connectScript.Length;
                    _scriptCount--;
                }

                Sink = sink;
                IsConnected = result == ConnectResult.Accepted;
                sessionPresent = IsConnected && SessionPresent;
            }

            ConnectReturned.Set();
            return result;
        }

        /// <summary>When set, a publish signals <see cref="PublishEntered"/> and waits for this: a slow socket write.</summary>
        /// <summary>When set, publish i is recorded as "topic payload" in Log[i] (allocates: not for allocation tests).</summary>
        public string[] Log;

        public ManualResetEvent PublishRelease;
        public readonly AutoResetEvent PublishEntered = new AutoResetEvent(false);

        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            if (ThrowOnPublish) throw new InvalidOperationException("test transport failure");
            ManualResetEvent release = PublishRelease;
            if (release != null)
            {
                PublishEntered.Set();
                release.WaitOne();
            }
            lock (_lock)
            {
                if (FailWith < 0) return FailWith;
                Array.Copy(topic, topicOffset, _publishTopic, 0, topicCount);
                Array.Copy(payload, payloadOffset, _publishPayload, 0, payloadCount);
                LastPublishTopicCount = topicCount;
                LastPublishPayloadCount = payloadCount;
                LastPublishQos = qos;
                LastPublishId = _nextId++;
                if (Log != null && PublishCount < Log.Length) Log[PublishCount] = LastPublishTopic + " " + LastPublishPayload;
                PublishCount++;
                return LastPublishId;
            }
        }

        public int Subscribe(string[] topicFilters, int[] qos, int count)
        {
            lock (_lock)
            {
                if (FailWith < 0) return FailWith;
                for (int i = 0; i < count; i++)
                {
                    _subscribeFilters[i] = topicFilters[i];
                    _subscribeQos[i] = qos[i];
                }

                LastSubscribeCount = count;
                LastSubscribeId = _nextId++;
                SubscribeCount++;
                return LastSubscribeId;
            }
        }

        public int Unsubscribe(string[] topicFilters, int count)
        {
            lock (_lock)
            {
                if (FailWith < 0) return FailWith;
                for (int i = 0; i < count; i++) _unsubscribeFilters[i] = topicFilters[i];
                LastUnsubscribeCount = count;
                LastUnsubscribeId = _nextId++;
                UnsubscribeCount++;
                return LastUnsubscribeId;
            }
        }

        public void Disconnect()
        {
            lock (_lock)
            {
                DisconnectCount++;
                IsConnected = false;
            }
        }

        public void Close()
        {
            lock (_lock)
            {
                CloseCount++;
                IsConnected = false;
            }
        }

        /// <summary>The last published topic as a string (allocates; for assertions).</summary>
        public string LastPublishTopic
        {
            get { return new string(ToChars(_publishTopic, LastPublishTopicCount)); }
        }

        /// <summary>The last published payload as a string (ASCII; allocates; for assertions).</summary>
        public string LastPublishPayload
        {
            get { return new string(ToChars(_publishPayload, LastPublishPayloadCount)); }
        }

        public string GetSubscribedFilter(int index) { return _subscribeFilters[index]; }

        public int GetSubscribedQos(int index) { return _subscribeQos[index]; }

        public string GetUnsubscribedFilter(int index) { return _unsubscribeFilters[index]; }

        /// <summary>Delivers a message to the client as the broker would.</summary>
        public void InjectMessage(byte[] topic, int topicCount, byte[] payload, int payloadCount, int qos)
        {
            Sink.OnMessageReceived(topic, 0, topicCount, payload, 0, payloadCount, qos);
        }

        public void CompletePublish(int messageId, bool acknowledged) { Sink.OnPublishCompleted(messageId, acknowledged); }

        public void AcknowledgeSubscribe(int messageId, byte[] grantedQos, int count) { Sink.OnSubscribeAcknowledged(messageId, grantedQos, count); }

        public void AcknowledgeUnsubscribe(int messageId) { Sink.OnUnsubscribeAcknowledged(messageId); }

        /// <summary>Drops the link as a network failure would.</summary>
        public void DropConnection()
        {
            IMqttTransportSink sink;
            lock (_lock)
            {
                IsConnected = false;
                sink = Sink;
            }

            sink.OnConnectionLost();
        }

        private static char[] ToChars(byte[] bytes, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)bytes[i];
            return chars;
        }
    }
}
