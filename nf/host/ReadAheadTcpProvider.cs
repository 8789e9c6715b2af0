using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet.Channel;

namespace LinkKit.Nano
{
    /// <summary>
    /// The TCP connection under MQTTnet (TLS, when asked, is layered on top by MQTTnet), wrapped in a
    /// <see cref="ReadAheadStream"/>. Socket options as MQTTnet's own channel sets them (no Nagle delay, abortive
    /// close) except the buffer sizes: MQTTnet fixes both at 8 KB, which on Linux also turns off their auto-tuning, so
    /// the system's defaults are kept.
    /// </summary>
    internal sealed class ReadAheadTcpProvider : IMqttClientStreamProvider
    {
        /// <summary>Read-ahead bytes per connection: a few hundred typical packets.</summary>
        public const int ReadAheadBytes = 16384;

        public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
        {
            Socket socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
            try
            {
                await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return new ReadAheadStream(new NetworkStream(socket, true), ReadAheadBytes);
        }
    }
}
