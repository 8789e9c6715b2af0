using System;
using System.Diagnostics;
using System.Threading;

namespace LinkKit.Nano.Benchmarks.Throughput
{
    /// <summary>What one phase of posts came to.</summary>
    internal struct Outcome
    {
        public int Replied;
        public int TimedOut;
        public int ErrorReplies;
        public int Refused;
    }

    /// <summary>
    /// The measured device: a LinkKitClient on MqttNetTransport posting properties from one thread, at most
    /// <c>window</c> of them awaiting their reply. The measured posts' time stamps are kept per request id in arrays
    /// sized up front, so the harness itself allocates nothing per post.
    /// </summary>
    internal sealed class ThroughputDevice : IDisposable
    {
        private readonly LinkKitClient _client;
        private readonly SemaphoreSlim _slots;
        private readonly ManualResetEventSlim _enabled = new ManualResetEventSlim();
        private readonly ManualResetEventSlim _drained = new ManualResetEventSlim();
        private readonly long[] _begun;
        private readonly long[] _replied;
        private int _firstMeasuredId = int.MaxValue;
        private int _lastRequestId;
        private int _posted;
        private int _settled;
        private int _target = int.MaxValue;
        private Outcome _outcome;

        public ThroughputDevice(int port, string productKey, string deviceName, string deviceSecret, byte[] tsl, int window, int measuredPosts)
        {
            _slots = new SemaphoreSlim(window, window);
            _begun = new long[measuredPosts];   // by request id - first measured id: one id per post
            _replied = new long[measuredPosts];
            LinkKitOptions options = new LinkKitOptions
            {
                UseTls = false,
                Port = port,
                SubscribeThingTopics = true,      // mosquitto does not subscribe them for the device as Alibaba's broker does
                // Room for the whole window (a post's PUBACK can be handled after its reply): only the window limits the run.
                MaxInflightMessages = Math.Min(1000, 2 * window),
                MaxQueuedMessages = Math.Min(1000, 2 * window),
            };
            _client = new LinkKitClient(new MqttNetTransport(), "127.0.0.1", productKey, deviceName, deviceSecret, options);
            string error;
            if (_client.ThingSetup(tsl, 0, tsl.Length, out error) != ErrorCode.Ok) throw new InvalidOperationException("TSL: " + error);
            _client.ThingEnabled += sender => _enabled.Set();
            _client.PropertyPostReplied += OnReplied;
        }

        /// <summary>Connects and waits until the thing topics are subscribed (posts sent after that get their replies).</summary>
        public void Connect()
        {
            _client.ConnectAsync();
            if (!_enabled.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("the device did not connect within 10 s");
        }

        /// <summary>Posts for <paramref name="duration"/> and waits until each post is settled; returns how many.</summary>
        public int Warm(TimeSpan duration)
        {
            Stopwatch clock = Stopwatch.StartNew();
            int count = 0;
            while (clock.Elapsed < duration)
            {
                Post(count++);
            }

            WaitUntilSettled();
            return count;
        }

        /// <summary>Posts <paramref name="count"/> properties, time-stamped, and waits until each is settled.</summary>
        public Outcome Measure(int count)
        {
            Outcome before = Snapshot();
            Volatile.Write(ref _firstMeasuredId, _lastRequestId + 1);
            for (int i = 0; i < count; i++) Post(i);
            WaitUntilSettled();
            Outcome after = Snapshot();
            return new Outcome
            {
                Replied = after.Replied - before.Replied,
                TimedOut = after.TimedOut - before.TimedOut,
                ErrorReplies = after.ErrorReplies - before.ErrorReplies,
                Refused = after.Refused - before.Refused,
            };
        }

        /// <summary>Post begin → reply event, in milliseconds, for the measured posts that were replied.</summary>
        public double[] Latencies()
        {
            int n = 0;
            double[] values = new double[_begun.Length];
            for (int i = 0; i < _begun.Length; i++)
            {
                if (_begun[i] != 0 && _replied[i] != 0) values[n++] = (_replied[i] - _begun[i]) * 1000.0 / Stopwatch.Frequency;
            }

            Array.Resize(ref values, n);
            return values;
        }

        /// <summary>The time stamp of the latest reply to a measured post; 0 if none.</summary>
        public long LastReplyTimestamp()
        {
            long latest = 0;
            for (int i = 0; i < _replied.Length; i++) latest = Math.Max(latest, _replied[i]);
            return latest;
        }

        public void Dispose()
        {
            _client.Destruct();
        }

        /// <summary>One property post once the window has room; a refused one settles at once.</summary>
        private void Post(int i)
        {
            _slots.Wait();
            long begun = Stopwatch.GetTimestamp();
            ThingWriter w = _client.BeginPropertyPost();
            w.Write("temperature", 23.5);
            w.Write("LightSwitch", (i & 1) == 1);
            long id;
            int rc = _client.EndPropertyPost(out id);
            _posted++;
            if (rc != ErrorCode.Ok)
            {
                Interlocked.Increment(ref _outcome.Refused);
                Settle();
                return;
            }

            _lastRequestId = (int)id; // the SDK numbers its requests within int range
            uint slot = (uint)(id - Volatile.Read(ref _firstMeasuredId));
            if (slot < (uint)_begun.Length) _begun[slot] = begun;
        }

        private void OnReplied(LinkKitClient sender, ThingReply reply)
        {
            if (reply.IsTimeout)
            {
                Interlocked.Increment(ref _outcome.TimedOut);
            }
            else if (reply.Code == 200)
            {
                uint slot = (uint)(reply.RequestId - Volatile.Read(ref _firstMeasuredId));
                if (slot < (uint)_replied.Length) _replied[slot] = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _outcome.Replied);
            }
            else
            {
                Interlocked.Increment(ref _outcome.ErrorReplies);
            }

            Settle();
        }

        private void Settle()
        {
            int settled = Interlocked.Increment(ref _settled);
            _slots.Release();
            if (settled >= Volatile.Read(ref _target)) _drained.Set();
        }

        /// <summary>Waits until every post so far is settled; one never replied settles as a timeout after 10 s.</summary>
        private void WaitUntilSettled()
        {
            Volatile.Write(ref _target, _posted);
            while (true)
            {
                _drained.Reset();
                if (Volatile.Read(ref _settled) >= _posted) break;
                if (!_drained.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("posts neither replied nor timed out within 60 s");
            }

            Volatile.Write(ref _target, int.MaxValue);
        }

        private Outcome Snapshot()
        {
            return new Outcome
            {
                Replied = Volatile.Read(ref _outcome.Replied),
                TimedOut = Volatile.Read(ref _outcome.TimedOut),
                ErrorReplies = Volatile.Read(ref _outcome.ErrorReplies),
                Refused = Volatile.Read(ref _outcome.Refused),
            };
        }
    }
}
