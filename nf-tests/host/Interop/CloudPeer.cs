using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using MQTTnet;
using MQTTnet.Protocol;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>
    /// The cloud side of a thing-model conversation over a real broker: an MQTTnet client that subscribes to the
    /// device's uplinks, receives them as bytes, and publishes platform replies and downlinks.
    /// </summary>
    public sealed class CloudPeer : IDisposable
    {
        private readonly IMqttClient _client;

        /// <summary>Every message received: topic and payload bytes.</summary>
        public readonly BlockingCollection<Message> Received = new BlockingCollection<Message>();

        public sealed class Message
        {
            public string Topic;
            public byte[] Payload;

            public string Text { get { return Encoding.UTF8.GetString(Payload); } }
        }

        private CloudPeer(IMqttClient client)
        {
            _client = client;
        }

        public static CloudPeer Connect(int port, params string[] filters)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            CloudPeer peer = new CloudPeer(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                peer.Received.Add(new Message { Topic = e.ApplicationMessage.Topic, Payload = e.ApplicationMessage.Payload.ToArray() });
                return System.Threading.Tasks.Task.CompletedTask;
            };
            MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("cloud-" + Guid.NewGuid().ToString("N")).Build();
            client.ConnectAsync(options, CancellationToken.None).GetAwaiter().GetResult();
            MqttClientSubscribeOptionsBuilder subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (string filter in filters) subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            client.SubscribeAsync(subscribe.Build(), CancellationToken.None).GetAwaiter().GetResult();
            return peer;
        }

        public void Publish(string topic, string payload)
        {
            Publish(topic, Encoding.UTF8.GetBytes(payload));
        }

        public void Publish(string topic, byte[] payload)
        {
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>The next message on <paramref name="topic"/> whose payload passes <paramref name="accept"/> (others are skipped); fails after 10 s.</summary>
        public Message Expect(string topic, Func<string, bool> accept = null)
        {
            DateTime end = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                TimeSpan left = end - DateTime.UtcNow;
                Message message;
                if (left <= TimeSpan.Zero || !Received.TryTake(out message, left)) throw new TimeoutException("no message on " + topic);
                if (message.Topic == topic && (accept == null || accept(message.Text))) return message;
            }
        }

        public void Dispose()
        {
            try
            {
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).Wait(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // the broker may be gone
            }

            _client.Dispose();
        }
    }
}
