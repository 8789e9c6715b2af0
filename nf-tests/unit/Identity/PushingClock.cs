using System.Threading;
using LinkKit.Nano;
using LinkKit.Nano.Tests.Client;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>
    /// A clock for MQTT registration tests: when the registration starts waiting for the platform's push, it plays the
    /// platform — injects the configured PUBLISH (or drops the link) through the <see cref="RecordingTransport"/> — and
    /// then returns at once with whatever the wait handle says. Single-threaded and deterministic: no real time passes.
    /// </summary>
    public sealed class PushingClock : IClock
    {
        private readonly RecordingTransport _transport;

        public PushingClock(RecordingTransport transport)
        {
            _transport = transport;
        }

        /// <summary>The topic pushed during the wait, or null to push nothing.</summary>
        public byte[] Topic;

        /// <summary>The payload pushed during the wait.</summary>
        public byte[] Payload;

        /// <summary>When true, the link drops during the wait (after the push, if any).</summary>
        public bool DropLink;

        /// <summary>How many waits started.</summary>
        public int Waits;

        /// <summary>The timeout of the last wait, in ms.</summary>
        public int LastWaitMilliseconds;

        public void Push(string topic, string payload)
        {
            Topic = Harness.Ascii(topic);
            Payload = Harness.Ascii(payload);
        }

        public long UnixTimeSeconds()
        {
            return 1700000000;
        }

        public long UnixTimeMilliseconds()
        {
            return 1700000000000;
        }

        public bool Wait(WaitHandle wake, int milliseconds)
        {
            Waits++;
            LastWaitMilliseconds = milliseconds;
            if (Topic != null) _transport.InjectMessage(Topic, Topic.Length, Payload, Payload.Length, 0);
            if (DropLink) _transport.DropConnection();
            return wake.WaitOne(0, false);
        }
    }
}
