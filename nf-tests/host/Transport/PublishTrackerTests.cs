using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LinkKit.Nano.Transport;
using MQTTnet;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Transport
{
    /// <summary>
    /// The host transport's per-publish bookkeeping: the payload copy lives until MQTTnet is done with it, a QoS 1
    /// outcome reaches the sink once, on the thread that finished the publish, and nothing is kept afterwards.
    /// </summary>
    public sealed class PublishTrackerTests
    {
        private static readonly MqttClientPublishResult Acknowledged = new MqttClientPublishResult(1, MqttClientPublishReasonCode.Success, null, Array.Empty<MQTTnet.Packets.MqttUserProperty>());
        private static readonly MqttClientPublishResult Refused = new MqttClientPublishResult(1, MqttClientPublishReasonCode.NotAuthorized, null, Array.Empty<MQTTnet.Packets.MqttUserProperty>());

        [Fact]
        public void Copy_holds_the_payload_range_whatever_the_caller_does_with_its_buffer()
        {
            RecordingPool pool = new RecordingPool();
            PublishTracker tracker = new PublishTracker(pool);
            byte[] payload = { 9, 1, 2, 3, 9 };
            byte[] copy = tracker.Copy(payload, 1, 3);
            payload[1] = 7;
            Assert.Equal(new byte[] { 1, 2, 3 }, copy.AsSpan(0, 3).ToArray());
            Assert.Single(pool.Rented);
            Assert.Equal(3, pool.Rented[0].Length);
            tracker.Release(copy);
            Assert.Equal(new[] { copy }, pool.Returned);
        }

        [Fact]
        public void Qos1_is_reported_once_on_the_completing_thread_after_the_copy_went_back()
        {
            RecordingPool pool = new RecordingPool();
            PublishTracker tracker = new PublishTracker(pool);
            RecordingSink sink = new RecordingSink(pool);
            TaskCompletionSource<MqttClientPublishResult> sent = new TaskCompletionSource<MqttClientPublishResult>();
            byte[] copy = tracker.Copy(new byte[] { 1, 2 }, 0, 2);

            tracker.Track(sent.Task, copy, sink, 42);
            Assert.Empty(sink.Calls);
            Assert.Empty(pool.Returned);   // MQTTnet may still be sending it

            int completer = OnPoolThread(() => sent.SetResult(Acknowledged));
            Assert.Equal(new[] { "42 True" }, sink.Calls);
            Assert.Equal(completer, sink.Threads[0]);   // inline: no thread-pool hop
            Assert.Equal(new[] { 1 }, sink.ReturnedBeforeCall);
            Assert.Equal(1, tracker.IdleCount);
        }

        [Fact]
        public void Qos1_refused_failed_or_cancelled_is_reported_unacknowledged()
        {
            PublishTracker tracker = new PublishTracker(new RecordingPool());
            RecordingSink sink = new RecordingSink(null);
            TaskCompletionSource<MqttClientPublishResult> refused = new TaskCompletionSource<MqttClientPublishResult>();
            TaskCompletionSource<MqttClientPublishResult> failed = new TaskCompletionSource<MqttClientPublishResult>();
            TaskCompletionSource<MqttClientPublishResult> cancelled = new TaskCompletionSource<MqttClientPublishResult>();
            tracker.Track(refused.Task, tracker.Copy(new byte[1], 0, 1), sink, 1);
            tracker.Track(failed.Task, tracker.Copy(new byte[1], 0, 1), sink, 2);
            tracker.Track(cancelled.Task, tracker.Copy(new byte[1], 0, 1), sink, 3);

            OnPoolThread(() => refused.SetResult(Refused));
            OnPoolThread(() => failed.SetException(new InvalidOperationException("connection lost")));
            OnPoolThread(() => cancelled.SetCanceled());
            Assert.Equal(new[] { "1 False", "2 False", "3 False" }, sink.Calls);
            Assert.Equal(3, tracker.IdleCount);
        }

        [Fact]
        public void A_publish_already_finished_is_reported_from_another_thread_not_inside_the_call()
        {
            PublishTracker tracker = new PublishTracker(new RecordingPool());
            RecordingSink sink = new RecordingSink(null);
            tracker.Track(Task.FromResult(Acknowledged), tracker.Copy(new byte[1], 0, 1), sink, 5);
            Assert.True(sink.Reported.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(new[] { "5 True" }, sink.Calls);
            Assert.NotEqual(Environment.CurrentManagedThreadId, sink.Threads[0]);
        }

        [Fact]
        public void Qos0_returns_the_copy_when_sent_and_reports_nothing()
        {
            RecordingPool pool = new RecordingPool();
            PublishTracker tracker = new PublishTracker(pool);
            byte[] atOnce = tracker.Copy(new byte[1], 0, 1);
            tracker.Track(Task.FromResult(Acknowledged), atOnce, null, 0);
            Assert.Equal(new[] { atOnce }, pool.Returned);
            Assert.Equal(0, tracker.IdleCount);   // nothing to wait for: no pending object used

            TaskCompletionSource<MqttClientPublishResult> sent = new TaskCompletionSource<MqttClientPublishResult>();
            byte[] later = tracker.Copy(new byte[1], 0, 1);
            tracker.Track(sent.Task, later, null, 0);
            Assert.Single(pool.Returned);
            OnPoolThread(() => sent.SetException(new InvalidOperationException("connection lost")));
            Assert.Equal(new[] { atOnce, later }, pool.Returned);
            Assert.Equal(1, tracker.IdleCount);
        }

        [Fact]
        public void Pending_objects_are_reused()
        {
            PublishTracker tracker = new PublishTracker(new RecordingPool());
            RecordingSink sink = new RecordingSink(null);
            TaskCompletionSource<MqttClientPublishResult>[] first = { new(), new(), new() };
            foreach (var sent in first) tracker.Track(sent.Task, tracker.Copy(new byte[1], 0, 1), sink, 1);
            foreach (var sent in first) OnPoolThread(() => sent.SetResult(Acknowledged));
            Assert.Equal(3, tracker.IdleCount);

            TaskCompletionSource<MqttClientPublishResult> second = new TaskCompletionSource<MqttClientPublishResult>();
            tracker.Track(second.Task, tracker.Copy(new byte[1], 0, 1), sink, 2);
            Assert.Equal(2, tracker.IdleCount);
            OnPoolThread(() => second.SetResult(Acknowledged));
            Assert.Equal(3, tracker.IdleCount);
        }

        /// <summary>
        /// Runs <paramref name="complete"/> as MQTTnet completes publishes: on a thread-pool thread with no
        /// synchronization context (xunit puts its own even there, and under one a continuation is never inlined).
        /// Waits for it and returns that thread.
        /// </summary>
        private static int OnPoolThread(Action complete)
        {
            return Task.Run(() =>
            {
                SynchronizationContext xunit = SynchronizationContext.Current;
                SynchronizationContext.SetSynchronizationContext(null);
                try
                {
                    complete();
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(xunit);
                }

                return Environment.CurrentManagedThreadId;
            }).GetAwaiter().GetResult();
        }

        /// <summary>Rents exact-size arrays and records what comes back.</summary>
        private sealed class RecordingPool : ArrayPool<byte>
        {
            public readonly List<byte[]> Rented = new List<byte[]>();
            public readonly List<byte[]> Returned = new List<byte[]>();

            public override byte[] Rent(int minimumLength)
            {
                byte[] array = new byte[minimumLength];
                Rented.Add(array);
                return array;
            }

            public override void Return(byte[] array, bool clearArray = false)
            {
                Returned.Add(array);
            }
        }

        private sealed class RecordingSink : IMqttTransportSink
        {
            private readonly RecordingPool _pool;
            public readonly List<string> Calls = new List<string>();
            public readonly List<int> Threads = new List<int>();
            public readonly List<int> ReturnedBeforeCall = new List<int>();
            public readonly ManualResetEventSlim Reported = new ManualResetEventSlim();

            public RecordingSink(RecordingPool pool)
            {
                _pool = pool;
            }

            public void OnPublishCompleted(int messageId, bool acknowledged)
            {
                lock (Calls)
                {
                    Calls.Add(messageId + " " + acknowledged);
                    Threads.Add(Environment.CurrentManagedThreadId);
                    if (_pool != null) ReturnedBeforeCall.Add(_pool.Returned.Count);
                }

                Reported.Set();
            }

            public void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos) => throw new NotSupportedException();

            public void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count) => throw new NotSupportedException();

            public void OnUnsubscribeAcknowledged(int messageId) => throw new NotSupportedException();

            public void OnConnectionLost() => throw new NotSupportedException();
        }
    }
}
