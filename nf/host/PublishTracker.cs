using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using LinkKit.Nano.Transport;
using MQTTnet;

namespace LinkKit.Nano
{
    /// <summary>
    /// What <see cref="MqttNetTransport"/> keeps per publish, reused: MQTTnet sends after Publish returns, so the payload
    /// is copied into a rented array that goes back to the pool once the publish task has finished; a QoS 1 outcome is
    /// reported from the thread that finished the task (an awaiter continuation on a pooled object: no closure, no
    /// extra thread-pool work item).
    /// </summary>
    internal sealed class PublishTracker
    {
        private readonly ArrayPool<byte> _payloads;
        private readonly object _lock = new object();
        private Pending[] _idle = new Pending[16];
        private int _idleCount;

        public PublishTracker()
            : this(ArrayPool<byte>.Shared)
        {
        }

        /// <summary>For tests: payload arrays come from and go back to <paramref name="payloads"/>.</summary>
        internal PublishTracker(ArrayPool<byte> payloads)
        {
            _payloads = payloads;
        }

        /// <summary>Pending objects waiting for their next publish.</summary>
        internal int IdleCount
        {
            get
            {
                lock (_lock)
                {
                    return _idleCount;
                }
            }
        }

        /// <summary>A rented copy of payload[offset, offset + count); hand it to <see cref="Track"/> (or <see cref="Release"/>) once.</summary>
        public byte[] Copy(byte[] payload, int offset, int count)
        {
            byte[] copy = _payloads.Rent(count);
            Buffer.BlockCopy(payload, offset, copy, 0, count);
            return copy;
        }

        /// <summary>Returns a copy that never reached MQTTnet.</summary>
        public void Release(byte[] copy)
        {
            _payloads.Return(copy);
        }

        /// <summary>
        /// Takes over <paramref name="copy"/> until <paramref name="sent"/> finishes; then, if <paramref name="sink"/> is
        /// given (QoS 1), calls its <see cref="IMqttTransportSink.OnPublishCompleted"/> with <paramref name="messageId"/>:
        /// acknowledged when the publish ran to completion with a success reason code.
        /// </summary>
        public void Track(Task<MqttClientPublishResult> sent, byte[] copy, IMqttTransportSink sink, int messageId)
        {
            if (sink == null && sent.IsCompleted)
            {
                Finish(sent, copy);   // a QoS 0 publish usually leaves in the call: nothing to wait for
                return;
            }

            // On a task already finished the continuation is queued, so the sink never runs inside Publish.
            Rent().Watch(sent, copy, sink, messageId);
        }

        private bool Finish(Task<MqttClientPublishResult> sent, byte[] copy)
        {
            _payloads.Return(copy);
            if (sent.IsCompletedSuccessfully) return sent.Result.IsSuccess;
            _ = sent.Exception;   // observed: a lost connection is reported through the sink, not UnobservedTaskException
            return false;
        }

        private Pending Rent()
        {
            lock (_lock)
            {
                if (_idleCount > 0)
                {
                    Pending pending = _idle[--_idleCount];
                    _idle[_idleCount] = null;
                    return pending;
                }
            }

            return new Pending(this);
        }

        private void Return(Pending pending)
        {
            lock (_lock)
            {
                if (_idleCount == _idle.Length) Array.Resize(ref _idle, _idle.Length * 2);   // grows to the most ever in flight
                _idle[_idleCount++] = pending;
            }
        }

        /// <summary>One publish in flight; its continuation delegate is made once.</summary>
        private sealed class Pending
        {
            private readonly PublishTracker _owner;
            private readonly Action _completed;
            private Task<MqttClientPublishResult> _sent;
            private byte[] _copy;
            private IMqttTransportSink _sink;
            private int _messageId;

            public Pending(PublishTracker owner)
            {
                _owner = owner;
                _completed = OnCompleted;
            }

            public void Watch(Task<MqttClientPublishResult> sent, byte[] copy, IMqttTransportSink sink, int messageId)
            {
                _sent = sent;
                _copy = copy;
                _sink = sink;
                _messageId = messageId;
                // Unsafe: no ExecutionContext to flow; ConfigureAwait(false): runs inline on the completing thread.
                ConfiguredTaskAwaitable<MqttClientPublishResult>.ConfiguredTaskAwaiter awaiter = sent.ConfigureAwait(false).GetAwaiter();
                awaiter.UnsafeOnCompleted(_completed);
            }

            private void OnCompleted()
            {
                Task<MqttClientPublishResult> sent = _sent;
                byte[] copy = _copy;
                IMqttTransportSink sink = _sink;
                int messageId = _messageId;
                _sent = null;
                _copy = null;
                _sink = null;
                _owner.Return(this);   // before the sink: a publish it triggers may reuse this object
                bool acknowledged = _owner.Finish(sent, copy);
                if (sink != null) sink.OnPublishCompleted(messageId, acknowledged);
            }
        }
    }
}
