using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using MQTTnet;
using MQTTnet.Protocol;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>A second MQTT client (MQTTnet, used directly) playing the cloud side: publishes to the device, watches what it sends.</summary>
    public sealed class Observer : IDisposable
    {
        private readonly IMqttClient _client;

        public readonly BlockingCollection<string> Received = new BlockingCollection<string>();

        private Observer(IMqttClient client)
        {
            _client = client;
        }

        public static Observer Connect(int port, string subscribeTo)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            Observer observer = new Observer(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                observer.Received.Add(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                return System.Threading.Tasks.Task.CompletedTask;
            };
            MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("observer-" + Guid.NewGuid().ToString("N")).Build();
            client.ConnectAsync(options, CancellationToken.None).GetAwaiter().GetResult();
            if (subscribeTo != null)
            {
                client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(subscribeTo, MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None).GetAwaiter().GetResult();
            }

            return observer;
        }

        public void Publish(string topic, string payload)
        {
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None).GetAwaiter().GetResult();
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
