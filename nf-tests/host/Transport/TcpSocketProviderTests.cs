using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Transport
{
    /// <summary>The socket under the host transport: connected to the broker's end point, refused as a socket error (a network error for the client).</summary>
    public sealed class TcpSocketProviderTests
    {
        [Fact]
        public async Task Connects_a_stream_over_tcp_and_reports_a_refusal_as_a_socket_error()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
                using Stream stream = await new TcpSocketProvider().ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
                using TcpClient server = await accepted;

                await stream.WriteAsync(new byte[] { 0x10, 0x00 }.AsMemory());
                byte[] received = new byte[2];
                Assert.Equal(2, await server.GetStream().ReadAsync(received.AsMemory()));
                Assert.Equal(new byte[] { 0x10, 0x00 }, received);

                await server.GetStream().WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 }.AsMemory());
                byte[] connack = new byte[4];
                int n = 0;
                while (n < 4) n += await stream.ReadAsync(connack.AsMemory(n));
                Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
            }
            finally
            {
                listener.Stop();
            }

            await Assert.ThrowsAsync<SocketException>(() => new TcpSocketProvider().ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None));
        }
    }
}
