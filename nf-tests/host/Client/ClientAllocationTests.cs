using System;
using System.Text;
using LinkKit.Nano.Tests.Client;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Client
{
    /// <summary>
    /// The steady-state promise: once connected, publishing to a custom topic and receiving a message allocate
    /// nothing in the SDK's own code (measured through the recording transport, which allocates nothing either).
    /// </summary>
    public class ClientAllocationTests
    {
        private const int Operations = 10000;

        [Fact]
        public void Publish_Qos0AndQos1WithPuback_AllocatesNothing()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                string topic = client.ToFullTopic("user/update");
                byte[] payload = Encoding.ASCII.GetBytes("{\"id\":\"1\",\"params\":{\"temperature\":23.5}}");
                int acknowledged = 0;
                client.Published += (sender, id) => acknowledged++;
                int qos = 0;
                Action publish = () =>
                {
                    int id;
                    int rc = client.Publish(topic, payload, 0, payload.Length, qos, out id);
                    if (rc != ErrorCode.Ok) throw new InvalidOperationException("publish returned " + rc);
                    if (qos == 1) transport.CompletePublish(id, true);
                    qos ^= 1;
                };

                long bytes = Allocations.Measure(publish, Operations);
                Console.WriteLine("allocations: Publish (QoS 0/1 alternating, PUBACK raised as Published): " + bytes + " bytes over " + Operations + " ops = " + ((double)bytes / Operations).ToString("0.###") + " bytes/op");
                Assert.Equal(0, bytes);
                Assert.True(acknowledged >= Operations / 2);
                Assert.Equal(topic, transport.LastPublishTopic);
            }
            finally
            {
                client.Destruct();
            }
        }

        [Fact]
        public void Publish_TopicBytes_AllocatesNothing()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                byte[] topic = Encoding.ASCII.GetBytes(client.ToFullTopic("user/update"));
                byte[] payload = new byte[512];
                Action publish = () =>
                {
                    int id;
                    client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, 0, out id);
                };

                long bytes = Allocations.Measure(publish, Operations);
                Console.WriteLine("allocations: Publish (topic bytes, 512-byte payload): " + bytes + " bytes over " + Operations + " ops = " + ((double)bytes / Operations).ToString("0.###") + " bytes/op");
                Assert.Equal(0, bytes);
                Assert.Equal(Operations + 50, transport.PublishCount); // 50 warm-up calls
            }
            finally
            {
                client.Destruct();
            }
        }

        [Fact]
        public void Receive_AllocatesNothing_WithDebugLoggingToANonAllocatingSink()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                CountingSink sink = new CountingSink();
                client.EnableLogger(LogLevel.Debug, sink); // hot-path log lines are constant strings
                byte[] topic = Encoding.ASCII.GetBytes(client.ToFullTopic("user/get"));
                byte[] payload = Encoding.ASCII.GetBytes("{\"LightSwitch\":1}");
                int matched = 0;
                long payloadBytes = 0;
                client.MessageReceived += (sender, message) =>
                {
                    if (message.TopicEquals("/a1X2bEnP82z/example1/user/get")) matched++;
                    payloadBytes += message.PayloadCount;
                };
                Action receive = () => transport.InjectMessage(topic, topic.Length, payload, payload.Length, 1);

                long bytes = Allocations.Measure(receive, Operations);
                Console.WriteLine("allocations: receive (TopicEquals in the handler, Debug logging on): " + bytes + " bytes over " + Operations + " ops = " + ((double)bytes / Operations).ToString("0.###") + " bytes/op");
                Assert.Equal(0, bytes);
                Assert.Equal(Operations + 50, matched);
                Assert.True(sink.Lines >= Operations);
            }
            finally
            {
                client.Destruct();
            }
        }

        [Fact]
        public void RefusedPublish_AllocatesNothing()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                byte[] payload = new byte[4];
                Action refused = () =>
                {
                    int id;
                    if (client.Publish("/a/+/c", payload, 0, 4, 0, out id) != ErrorCode.InvalidTopic) throw new InvalidOperationException();
                };

                Allocations.AssertZero("Publish refused (wildcard topic)", refused, Operations);
            }
            finally
            {
                client.Destruct();
            }
        }

        private sealed class CountingSink : ILogSink
        {
            public int Lines;

            public void Write(LogLevel level, string message) { Lines++; }
        }
    }
}
