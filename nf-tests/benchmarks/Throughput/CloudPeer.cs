using System;
using System.Diagnostics;
using System.IO;

namespace LinkKit.Nano.Benchmarks.Throughput
{
    /// <summary>
    /// The device side's handle on the cloud peer (<see cref="CloudPeerProcess"/>), which runs in its own process so
    /// that the measured process's CPU is the device's only.
    /// </summary>
    internal sealed class CloudPeer : IDisposable
    {
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
    }
}
