using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>
    /// Fault injection: mosquitto is killed and restarted 10 times while the device publishes. The device must report
    /// every loss and every reconnection, wait within the back-off bounds, replay its subscription (a restarted
    /// mosquitto has forgotten it) and never throw into the application.
    /// </summary>
    public class BrokerRestartTests
    {
        private const int Restarts = 10;
        private const double MinSeconds = 1;
        private const double MaxSeconds = 2;
        private const double Slack = 0.75; // scheduling and thread start-up on a loaded 2-core CI machine
        private const string UpTopic = "/a1TestPK001/dev-001/user/update";
        private const string DownTopic = "/a1TestPK001/dev-001/user/get";

        private readonly ITestOutputHelper _output;

        public BrokerRestartTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void TenRestarts_ReconnectWithinBackoffBounds_AndResubscribe()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using Device device = new Device("127.0.0.1", broker.Port, Device.PlainOptions()); // back-off 1..2 s
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.Accepted, device.NextConnectResult("first connect"));
            int id;
            Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(DownTopic, 1, out id)); // once, never again

            Publisher publisher = new Publisher(device.Client);
            Thread publishing = new Thread(publisher.Run);
            publishing.Start();
            int failedAttempts = 0;
            try
            {
                ProveSubscribed(broker.Port, device, 0);
                for (int cycle = 1; cycle <= Restarts; cycle++)
                {
                    broker.Stop();
                    Assert.Equal(DisconnectReason.ConnectionLost, device.NextDisconnectReason("loss " + cycle));

                    // Every other cycle the broker stays down past the first retry: attempts fail and back off.
                    if (cycle % 2 == 0) Thread.Sleep(2500);
                    broker.Start();
                    int result;
                    while ((result = device.NextConnectResult("reconnect " + cycle)) != ConnectResult.Accepted)
                    {
                        Assert.Equal(ConnectResult.NetworkError, result);
                        failedAttempts++;
                    }

                    ProveSubscribed(broker.Port, device, cycle);
                }
            }
            finally
            {
                publisher.Stop = true;
                publishing.Join();
            }

            device.Client.Disconnect();
            Assert.Equal(DisconnectReason.Requested, device.NextDisconnectReason("final disconnect"));

            double[] waits = ReconnectWaits(device.Transport);
            _output.WriteLine("restarts: " + Restarts + ", failed attempts reported: " + failedAttempts);
            _output.WriteLine("publishes: " + publisher.Ok + " queued, " + publisher.NotConnected + " NotConnected while reconnecting, " + publisher.InflightFull + " InflightFull, " + publisher.Other + " other codes, " + publisher.Exceptions + " exceptions");
            _output.WriteLine("reconnect waits (s): " + string.Join(", ", Array.ConvertAll(waits, w => w.ToString("0.000", CultureInfo.InvariantCulture))));
            Console.WriteLine("reconnect waits (s): " + string.Join(", ", Array.ConvertAll(waits, w => w.ToString("0.000", CultureInfo.InvariantCulture))));

            Assert.True(failedAttempts >= Restarts / 2, "expected failed attempts while the broker stayed down, got " + failedAttempts);
            Assert.Equal(Restarts + 1 + failedAttempts, device.Transport.Attempts.Length);
            Assert.Equal(Restarts, device.Transport.Losses.Length);
            foreach (double wait in waits)
            {
                Assert.InRange(wait, MinSeconds - 0.05, MaxSeconds + Slack);
            }

            Assert.Equal(0, publisher.Exceptions);
            Assert.Equal(0, publisher.Other);
            Assert.True(publisher.Ok > 0);
            Assert.Equal(0, device.Client.HandlerExceptionCount);
            Assert.Null(device.Log.FindLineContaining(Device.DeviceSecret));
        }

        /// <summary>
        /// A message the cloud side publishes after the restart reaches the device (the subscription was replayed),
        /// and the device's own publishing thread gets through to the cloud side again.
        /// </summary>
        private static void ProveSubscribed(int port, Device device, int cycle)
        {
            using Observer cloud = Observer.Connect(port, UpTopic);
            string expected = DownTopic + " cycle-" + cycle;
            Stopwatch elapsed = Stopwatch.StartNew();
            while (elapsed.Elapsed < TimeSpan.FromSeconds(10))
            {
                // The replayed SUBSCRIBE may still be in flight: repeat until one arrives.
                cloud.Publish(DownTopic, "cycle-" + cycle);
                string message;
                while (device.Messages.TryTake(out message, TimeSpan.FromMilliseconds(200)))
                {
                    if (message == expected)
                    {
                        string up;
                        Assert.True(cloud.Received.TryTake(out up, TimeSpan.FromSeconds(10)), "cycle " + cycle + ": no publish from the device reached the cloud");
                        Assert.Equal(UpTopic + " {\"temperature\":23.5}", up);
                        return;
                    }
                }
            }

            throw new TimeoutException("cycle " + cycle + ": the device did not receive the cloud's message; subscription not replayed?");
        }

        /// <summary>
        /// Each wait between the end of an event (a failed attempt, or a detected loss) and the next attempt's start:
        /// that is the back-off sleep, which must lie within [min, max] (plus scheduling slack).
        /// </summary>
        private static double[] ReconnectWaits(TimingTransport transport)
        {
            TimingTransport.Attempt[] attempts = transport.Attempts;
            double[] losses = transport.Losses;
            List<double> waits = new List<double>();
            for (int i = 1; i < attempts.Length; i++)
            {
                double from = attempts[i - 1].End;
                foreach (double loss in losses)
                {
                    if (loss > from && loss < attempts[i].Start) from = loss;
                }

                waits.Add(attempts[i].Start - from);
            }

            return waits.ToArray();
        }

        private sealed class Publisher
        {
            private readonly LinkKitClient _client;
            public volatile bool Stop;
            public int Ok;
            public int NotConnected;
            public int InflightFull;
            public int Other;
            public int Exceptions;

            public Publisher(LinkKitClient client)
            {
                _client = client;
            }

            public void Run()
            {
                byte[] payload = Encoding.ASCII.GetBytes("{\"temperature\":23.5}");
                int n = 0;
                while (!Stop)
                {
                    try
                    {
                        int id;
                        int rc = _client.Publish(UpTopic, payload, 0, payload.Length, n++ % 2, out id);
                        if (rc == ErrorCode.Ok) Ok++;
                        else if (rc == ErrorCode.NotConnected) NotConnected++;
                        else if (rc == ErrorCode.InflightFull) InflightFull++;
                        else Other++;
                    }
                    catch (Exception)
                    {
                        Exceptions++;
                    }

                    Thread.Sleep(20);
                }
            }
        }
    }
}
