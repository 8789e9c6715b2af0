using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Transport
{
    /// <summary>
    /// The host transport's socket stream: reads are served from one inner read while it lasts, big reads bypass the
    /// buffer, and writes reach the inner stream at once.
    /// </summary>
    public sealed class ReadAheadStreamTests
    {
        [Fact]
        public async Task Small_reads_are_served_from_one_inner_read()
        {
            // Two MQTT packets as they arrive together: a PUBACK (40 02 00 07) and a PUBLISH with a 5-byte body.
            ScriptedStream inner = new ScriptedStream(new byte[] { 0x40, 0x02, 0x00, 0x07, 0x30, 0x05, 1, 2, 3, 4, 5 });
            ReadAheadStream stream = new ReadAheadStream(inner, 64);
            byte[] header = new byte[2];
            byte[] body = new byte[5];

            Assert.Equal(2, await stream.ReadAsync(header.AsMemory()));
            Assert.Equal(new byte[] { 0x40, 0x02 }, header);
            Assert.Equal(2, await stream.ReadAsync(header.AsMemory()));
            Assert.Equal(new byte[] { 0x00, 0x07 }, header);
            Assert.Equal(2, await stream.ReadAsync(header.AsMemory()));
            Assert.Equal(5, await stream.ReadAsync(body.AsMemory()));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, body);
            Assert.Equal(new[] { 64 }, inner.ReadSizes);   // one inner read of the buffer's size
        }

        [Fact]
        public async Task A_read_past_the_buffered_bytes_returns_what_is_there_then_reads_again()
        {
            ScriptedStream inner = new ScriptedStream(new byte[] { 1, 2, 3 }, new byte[] { 4, 5 });
            ReadAheadStream stream = new ReadAheadStream(inner, 64);
            byte[] two = new byte[2];
            byte[] four = new byte[4];

            Assert.Equal(2, await stream.ReadAsync(two.AsMemory()));
            Assert.Equal(1, await stream.ReadAsync(four.AsMemory()));   // a short read, as streams may give
            Assert.Equal(3, four[0]);
            Assert.Equal(2, await stream.ReadAsync(four.AsMemory()));
            Assert.Equal(new byte[] { 4, 5 }, four.AsSpan(0, 2).ToArray());
            Assert.Equal(0, await stream.ReadAsync(four.AsMemory()));   // end of stream
            Assert.Equal(new[] { 64, 64, 64 }, inner.ReadSizes);
        }

        [Fact]
        public async Task A_read_of_a_buffers_worth_or_more_goes_straight_to_the_inner_stream()
        {
            ScriptedStream inner = new ScriptedStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new byte[] { 9 });
            ReadAheadStream stream = new ReadAheadStream(inner, 4);
            byte[] big = new byte[8];

            Assert.Equal(8, await stream.ReadAsync(big.AsMemory()));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, big);
            Assert.Equal(1, stream.Read(big, 0, 2));   // the synchronous path fills the buffer the same way
            Assert.Equal(9, big[0]);
            Assert.Equal(new[] { 8, 4 }, inner.ReadSizes);
        }

        [Fact]
        public async Task Writes_pass_through_unbuffered_and_dispose_closes_the_inner_stream()
        {
            ScriptedStream inner = new ScriptedStream();
            ReadAheadStream stream = new ReadAheadStream(inner, 64);
            await stream.WriteAsync(new byte[] { 0xC0, 0x00 }.AsMemory());   // PINGREQ: must leave now, nothing flushes it
            Assert.Equal(new byte[] { 0xC0, 0x00 }, inner.Written.ToArray());
            stream.Write(new byte[] { 9, 0xE0, 0x00, 9 }, 1, 2);
            Assert.Equal(new byte[] { 0xC0, 0x00, 0xE0, 0x00 }, inner.Written.ToArray());

            stream.Dispose();
            Assert.True(inner.Disposed);
        }

        [Fact]
        public async Task The_provider_connects_a_stream_over_tcp_and_reports_a_refusal_as_a_socket_error()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
                using Stream stream = await new ReadAheadTcpProvider().ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
                using TcpClient server = await accepted;
                Assert.IsType<ReadAheadStream>(stream);

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

            await Assert.ThrowsAsync<SocketException>(() => new ReadAheadTcpProvider().ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None));
        }

        /// <summary>Gives one scripted chunk per read (fewer bytes if the read is smaller), then end of stream; records writes.</summary>
        private sealed class ScriptedStream : Stream
        {
            private readonly Queue<byte[]> _chunks;
            public readonly List<int> ReadSizes = new List<int>();
            public readonly MemoryStream Written = new MemoryStream();
            public bool Disposed;

            public ScriptedStream(params byte[][] chunks)
            {
                _chunks = new Queue<byte[]>(chunks);
            }

            public override bool CanRead => true;

            public override bool CanWrite => true;

            public override bool CanSeek => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                ReadSizes.Add(count);
                if (_chunks.Count == 0) return 0;
                byte[] chunk = _chunks.Dequeue();
                if (chunk.Length > count) throw new InvalidOperationException("the test's chunk is larger than the read");
                chunk.CopyTo(buffer, offset);
                return chunk.Length;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                byte[] array = new byte[buffer.Length];
                int n = Read(array, 0, array.Length);
                array.AsSpan(0, n).CopyTo(buffer.Span);
                return new ValueTask<int>(n);
            }

            public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Written.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }
        }
    }
}
