using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LinkKit.Nano.Benchmarks.Throughput
{
    /// <summary>
    /// The cloud side of the throughput run, in its own process so that the measured process's CPU is the device's
    /// only: answers every property post with the platform's success reply (docs/protocol.md, "Reply envelope").
    /// Started by <see cref="CloudPeer.Start"/>; runs as <c>throughput-peer PORT PRODUCTKEY DEVICENAME</c>, prints
    /// "ready" once subscribed and stops when its standard input closes.
    /// </summary>
    internal sealed class CloudPeer : IDisposable
    {
        private static readonly byte[] IdKey = Encoding.ASCII.GetBytes("\"id\":\"");
        private static readonly byte[] ReplyHead = Encoding.ASCII.GetBytes("{\"code\":200,\"data\":{},\"id\":\"");
        private static readonly byte[] ReplyTail = Encoding.ASCII.GetBytes("\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");

        private readonly Process _process;

        private CloudPeer(Process process)
        {
            _process = process;
        }

        /// <summary>Starts this executable again as the peer and waits until it has subscribed.</summary>
        public static CloudPeer Start(int port, string productKey, string deviceName)
        {
            string self = Environment.ProcessPath;
            string arguments = "throughput-peer " + port + " " + productKey + " " + deviceName;
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                arguments = "\"" + typeof(CloudPeer).Assembly.Location + "\" " + arguments; // run as `dotnet x.dll`
            }

            ProcessStartInfo info = new ProcessStartInfo(self, arguments)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            };
            CloudPeer peer = new CloudPeer(Process.Start(info));
            string line = peer._process.StandardOutput.ReadLine();
            if (line != "ready")
            {
                peer.Dispose();
                throw new InvalidOperationException("the cloud peer did not start: " + line);
            }

            return peer;
        }

        /// <summary>The peer's CPU time so far.</summary>
        public TimeSpan ProcessorTime
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            _process.Dispose();
        }

        /// <summary>The peer process's main: <c>throughput-peer PORT PRODUCTKEY DEVICENAME</c>.</summary>
        public static int Run(string[] args)
        {
            int port = int.Parse(args[1]);
            string postTopic = "/sys/" + args[2] + "/" + args[3] + "/thing/event/property/post";
            string replyTopic = postTopic + "_reply";
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e => Answer(client, replyTopic, e.ApplicationMessage.Payload);
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId("throughput-cloud")
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .Build();
            client.ConnectAsync(options, CancellationToken.None).GetAwaiter().GetResult();
            // QoS 0 both ways: the peer and the broker share the machine with the device, so they should cost little.
            client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(postTopic, MqttQualityOfServiceLevel.AtMostOnce).Build(),
                CancellationToken.None).GetAwaiter().GetResult();
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            Console.In.ReadToEnd();
            client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).Wait(TimeSpan.FromSeconds(2));
            return 0;
        }

        /// <summary>Publishes the success reply echoing the post's "id"; a post without one is not answered.</summary>
        private static Task Answer(IMqttClient client, string replyTopic, ReadOnlySequence<byte> payload)
        {
            ReadOnlySpan<byte> post = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            int start = post.IndexOf(IdKey);
            if (start < 0) return Task.CompletedTask;
            start += IdKey.Length;
            int length = post.Slice(start).IndexOf((byte)'"');
            if (length < 0) return Task.CompletedTask;

            byte[] reply = new byte[ReplyHead.Length + length + ReplyTail.Length];
            ReplyHead.CopyTo(reply, 0);
            post.Slice(start, length).CopyTo(reply.AsSpan(ReplyHead.Length));
            ReplyTail.CopyTo(reply, ReplyHead.Length + length);
            return client.PublishAsync(new MqttApplicationMessage { Topic = replyTopic, Payload = new ReadOnlySequence<byte>(reply) }, CancellationToken.None);
        }
    }
}
