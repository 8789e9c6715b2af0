using BenchmarkDotNet.Running;
using LinkKit.Nano.Benchmarks.Throughput;

namespace LinkKit.Nano.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "throughput") return ThroughputCommand.Run(args);
            if (args.Length > 0 && args[0] == "throughput-peer") return CloudPeerProcess.Run(args);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
