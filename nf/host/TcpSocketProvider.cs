using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet.Channel;

namespace LinkKit.Nano
{
    /// <summary>
    /// The TCP connection under MQTTnet (TLS, when asked, is layered on top by MQTTnet). Socket options as MQTTnet's own
    /// channel sets them (no Nagle delay, abortive close) except the buffer sizes: MQTTnet fixes both at 8 KB, which on
    /// Linux also turns off their auto-tuning, so with a window of posts outstanding the receive buffer fills, the
    /// broker sees a zero window and waits for TCP's persist timer (stalls of about 200 ms). The system's defaults are kept.
    /// </summary>
    internal sealed class TcpSocketProvider : IMqttClientStreamProvider
    {
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

            return new NetworkStream(socket, true);
        }
    }
}
