using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using LinkKit.Nano.Tests.Host.Interop;

namespace LinkKit.Nano.Benchmarks.Throughput
{
    /// <summary>
    /// <c>throughput [--posts N] [--window W] [--warmup S] [--nagle]</c>: one device, end to end against a private
    /// mosquitto, with the cloud peer answering in another process. The device (LinkKitClient over MqttNetTransport, thing model,
    /// QoS 1 property posts) keeps up to W posts awaiting their reply. Prints rates, latency and the device process's
    /// CPU, allocations and thread-pool work per post. Reports figures; never judges them.
    /// </summary>
    internal static class ThroughputCommand
    {
        private const string ProductKey = "a1BenchPK01";
        private const string DeviceName = "bench-device";
        private const string DeviceSecret = "0123456789abcdef0123456789abcdef";
        private const string Tsl = "{\"properties\":["
            + "{\"identifier\":\"temperature\",\"name\":\"Temperature\",\"accessMode\":\"rw\",\"dataType\":{\"type\":\"float\",\"specs\":{\"min\":\"-40\",\"max\":\"120\",\"step\":\"0.1\"}}},"
            + "{\"identifier\":\"LightSwitch\",\"name\":\"Light switch\",\"accessMode\":\"rw\",\"dataType\":{\"type\":\"bool\",\"specs\":{\"0\":\"off\",\"1\":\"on\"}}}]}";

        public static int Run(string[] args)
        {
            int posts = 100000;
            int window = 20;
            double warmup = 5;
            bool nagle = false;
            for (int i = 1; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--posts": posts = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                    case "--window": window = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                    case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); i++; break;
                    case "--nagle": nagle = true; break;   // mosquitto's default sockets, to see what Nagle costs
                    default:
                        Console.Error.WriteLine("usage: throughput [--posts N (100000)] [--window W (20, 1-500)] [--warmup SECONDS (5)] [--nagle]");
                        return 2;
                }
            }

            if (posts < 1 || window < 1 || window > 500 || warmup < 0) throw new ArgumentOutOfRangeException("args", "--posts must be >= 1, --window 1-500, --warmup >= 0");

            using MosquittoBroker broker = MosquittoBroker.StartPlain(!nagle);
            using CloudPeer peer = CloudPeer.Start(broker.Port, ProductKey, DeviceName);
            using ThroughputDevice device = new ThroughputDevice(broker.Port, ProductKey, DeviceName, DeviceSecret, Encoding.UTF8.GetBytes(Tsl), window, posts);
            device.Connect();

            // Until the JIT's tiering and the thread pool have settled, a run measures the runtime starting up.
            int warmupPosts = device.Warm(TimeSpan.FromSeconds(warmup));
            Sample before = Sample.Take(peer);
            long phaseStart = Stopwatch.GetTimestamp();
            Outcome outcome = device.Measure(posts);
            Sample after = Sample.Take(peer);
            Report(posts, window, warmup, warmupPosts, nagle, device, outcome, phaseStart, before, after);
            return 0;
        }

        private static void Report(int posts, int window, double warmup, int warmupPosts, bool nagle, ThroughputDevice device, Outcome outcome, long phaseStart, Sample before, Sample after)
        {
            double[] latencies = device.Latencies();
            Array.Sort(latencies);
            long lastReply = Math.Max(device.LastReplyTimestamp(), phaseStart);
            double seconds = (lastReply - phaseStart) / (double)Stopwatch.Frequency;
            double cpu = (after.Cpu - before.Cpu).TotalSeconds;
            long lost = posts - outcome.Replied;
            TextWriter o = Console.Out;
            o.WriteLine("throughput: one device, QoS 1 property posts through mosquitto" + (nagle ? " (Nagle on)" : "") + ", window " + window
                + ", after " + warmupPosts + " warm-up posts in " + warmup.ToString(CultureInfo.InvariantCulture) + " s");
            o.WriteLine(F("posts", posts) + "  replied " + outcome.Replied + "  lost " + lost
                + " (timed out " + outcome.TimedOut + ", refused " + outcome.Refused + ", error replies " + outcome.ErrorReplies + ")");
            o.WriteLine(F("posts/s replied", outcome.Replied / seconds, "F0") + "  (" + seconds.ToString("F2", CultureInfo.InvariantCulture) + " s)");
            o.WriteLine("latency ms".PadRight(20) + "p50 " + Percentile(latencies, 0.50) + "  p99 " + Percentile(latencies, 0.99)
                + "  max " + Percentile(latencies, 1.0));
            o.WriteLine(F("CPU-s per 1000", cpu * 1000 / posts, "F4") + "  (device process " + cpu.ToString("F2", CultureInfo.InvariantCulture)
                + " s; cloud peer " + (after.PeerCpu - before.PeerCpu).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s)");
            o.WriteLine(F("bytes per post", (after.Allocated - before.Allocated) / (double)posts, "F0")
                + "  (GC: gen0 " + (after.Gen0 - before.Gen0) + ", gen1 " + (after.Gen1 - before.Gen1) + ", gen2 " + (after.Gen2 - before.Gen2) + ")");
            o.WriteLine(F("pool items per post", (after.PoolItems - before.PoolItems) / (double)posts, "F2"));
            if (after.MachineTotal > before.MachineTotal)
            {
                double busy = 100.0 * (after.MachineBusy - before.MachineBusy) / (after.MachineTotal - before.MachineTotal);
                o.WriteLine(F("machine busy %", busy, "F0") + "  (all " + Environment.ProcessorCount + " cores: device, peer, broker and the rest)");
            }
        }

        private static string F(string name, double value, string format = "F0")
        {
            return name.PadRight(20) + value.ToString(format, CultureInfo.InvariantCulture);
        }

        private static string Percentile(double[] sorted, double p)
        {
            if (sorted.Length == 0) return "-";
            int index = Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1);
            return sorted[Math.Max(0, index)].ToString("F2", CultureInfo.InvariantCulture);
        }

        /// <summary>Process-wide counters read before and after the measured phase.</summary>
        private readonly struct Sample
        {
            public readonly TimeSpan Cpu;
            public readonly TimeSpan PeerCpu;
            public readonly long Allocated;
            public readonly long PoolItems;
            public readonly int Gen0;
            public readonly int Gen1;
            public readonly int Gen2;
            public readonly long MachineBusy;
            public readonly long MachineTotal;

            private Sample(CloudPeer peer)
            {
                using Process self = Process.GetCurrentProcess();
                Cpu = self.TotalProcessorTime;
                PeerCpu = peer.ProcessorTime;
                Allocated = GC.GetTotalAllocatedBytes(true);
                PoolItems = ThreadPool.CompletedWorkItemCount;
                Gen0 = GC.CollectionCount(0);
                Gen1 = GC.CollectionCount(1);
                Gen2 = GC.CollectionCount(2);
                ReadMachineTicks(out MachineBusy, out MachineTotal);
            }

            public static Sample Take(CloudPeer peer)
            {
                return new Sample(peer);
            }

            /// <summary>Busy and total CPU ticks of the whole machine from /proc/stat (zero where there is none).</summary>
            private static void ReadMachineTicks(out long busy, out long total)
            {
                busy = 0;
                total = 0;
                if (!File.Exists("/proc/stat")) return;
                string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (int i = 1; i < fields.Length && i <= 8; i++)   // user nice system idle iowait irq softirq steal
                {
                    long ticks = long.Parse(fields[i], CultureInfo.InvariantCulture);
                    total += ticks;
                    if (i != 4 && i != 5) busy += ticks;
                }
            }
        }
    }
}
