using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>
    /// A mosquitto broker this test starts itself on 127.0.0.1 and a free port (never the system service), with a
    /// throw-away config folder. Can be stopped and started again on the same port for fault injection.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        private readonly string _directory;
        private readonly string _configPath;
        private Process _process;

        private MosquittoBroker(string directory, int port, string config)
        {
            _directory = directory;
            Port = port;
            _configPath = Path.Combine(directory, "mosquitto.conf");
            File.WriteAllText(_configPath, config);
        }

        public int Port { get; private set; }

        public string Directory { get { return _directory; } }

        /// <summary>
        /// A plain-TCP broker accepting any client. <paramref name="noDelay"/> turns Nagle's algorithm off for its
        /// sockets (mosquitto's <c>set_tcp_nodelay</c>, off by default): otherwise a small packet such as a PUBACK can
        /// wait for the client's delayed ACK, about 40 ms on Linux, which dominates any throughput figure.
        /// </summary>
        public static MosquittoBroker StartPlain(bool noDelay = false)
        {
            return Start(delegate (string dir, int port) { return Listener(port) + (noDelay ? "set_tcp_nodelay true\n" : "") + "allow_anonymous true\n"; });
        }

        /// <summary>A plain-TCP broker refusing every client (allow_anonymous false and no password file).</summary>
        public static MosquittoBroker StartRefusing()
        {
            return Start(delegate (string dir, int port) { return Listener(port) + "allow_anonymous false\n"; });
        }

        /// <summary>A TLS broker presenting <paramref name="certificates"/>' server certificate.</summary>
        public static MosquittoBroker StartTls(TestCertificates certificates)
        {
            return Start(delegate (string dir, int port)
            {
                certificates.WriteServerFiles(dir);
                return Listener(port)
                    + "cafile " + Path.Combine(dir, "ca.pem") + "\n"
                    + "certfile " + Path.Combine(dir, "server.pem") + "\n"
                    + "keyfile " + Path.Combine(dir, "server.key") + "\n"
                    + "allow_anonymous true\n";
            });
        }

        /// <summary>Stops the broker process (kill: clients see the link drop, as on a crash or power loss).</summary>
        public void Stop()
        {
            if (_process == null) return;
            try
            {
                if (!_process.HasExited) _process.Kill();
                _process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            _process.Dispose();
            _process = null;
        }

        /// <summary>Starts the broker (again) on the same port and waits until it accepts TCP connections.</summary>
        public void Start()
        {
            if (_process != null) throw new InvalidOperationException("already running");
            ProcessStartInfo info = new ProcessStartInfo(Executable(), "-c " + _configPath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _process = Process.Start(info);
            _process.OutputDataReceived += delegate { };
            _process.ErrorDataReceived += delegate { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            for (int i = 0; i < 200; i++)
            {
                if (_process.HasExited) throw new InvalidOperationException("mosquitto exited with " + _process.ExitCode + "; config: " + File.ReadAllText(_configPath));
                if (Accepts(Port)) return;
                Thread.Sleep(25);
            }

            throw new TimeoutException("mosquitto did not listen on port " + Port + " within 5 s");
        }

        public void Dispose()
        {
            Stop();
            try
            {
                System.IO.Directory.Delete(_directory, true);
            }
            catch (IOException)
            {
                // leave it to the OS temp cleaner
            }
        }

        public static int FreePort()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private delegate string ConfigFactory(string directory, int port);

        private static MosquittoBroker Start(ConfigFactory config)
        {
            string dir = Path.Combine(Path.GetTempPath(), "linkkit-mosquitto-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(dir);
            int port = FreePort();
            MosquittoBroker broker = new MosquittoBroker(dir, port, config(dir, port));
            broker.Start();
            return broker;
        }

        private static string Listener(int port)
        {
            // No persistence: a restarted broker has forgotten every session and subscription.
            return "listener " + port + " 127.0.0.1\npersistence false\nlog_dest stderr\nlog_type error\n";
        }

        private static bool Accepts(int port)
        {
            try
            {
                using TcpClient probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static string Executable()
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, "mosquitto"))) return Path.Combine(dir, "mosquitto");
            }

            if (File.Exists("/usr/sbin/mosquitto")) return "/usr/sbin/mosquitto";
            throw new FileNotFoundException("mosquitto is not installed (tools/run-tests.sh installs it: apt-get install -y mosquitto)");
        }
    }
}
