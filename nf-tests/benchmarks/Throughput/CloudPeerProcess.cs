using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace LinkKit.Nano.Benchmarks.Throughput
{
    /// <summary>
    /// The cloud peer's process (<c>throughput-peer PORT PRODUCTKEY DEVICENAME</c>): answers every property post with
    /// the platform's success reply (docs/protocol.md, "Reply envelope"), echoing its id. It shares the two cores with
    /// the device and the broker, so it is a bare MQTT 3.1.1 client on one blocking socket, QoS 0 both ways: each
    /// receive is parsed whole and all its replies leave in one send. Prints "ready" once subscribed; stops when its
    /// standard input closes.
    /// </summary>
    internal static class CloudPeerProcess
    {
        private static readonly byte[] IdKey = Encoding.ASCII.GetBytes("\"id\":\"");
        private static readonly byte[] ReplyHead = Encoding.ASCII.GetBytes("{\"code\":200,\"data\":{},\"id\":\"");
        private static readonly byte[] ReplyTail = Encoding.ASCII.GetBytes("\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");

        public static int Run(string[] args)
        {
            int port = int.Parse(args[1]);
            byte[] postTopic = Encoding.UTF8.GetBytes("/sys/" + args[2] + "/" + args[3] + "/thing/event/property/post");
            byte[] replyTopic = Encoding.UTF8.GetBytes("/sys/" + args[2] + "/" + args[3] + "/thing/event/property/post_reply");
            using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(IPAddress.Loopback, port);
            Packets output = new Packets();

            // CONNECT: protocol "MQTT" level 4, clean session, keep-alive 0 (off: no PINGREQ to send), client id.
            byte[] clientId = Encoding.ASCII.GetBytes("throughput-cloud");
            output.Begin(0x10);
            output.Add(new byte[] { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0 });
            output.AddString(clientId);
            output.End();
            // SUBSCRIBE packet id 1: the post topic at QoS 0.
            output.Begin(0x82);
            output.Add(new byte[] { 0, 1 });
            output.AddString(postTopic);
            output.Add(new byte[] { 0 });
            output.End();
            output.SendTo(socket);

            byte[] acks = new byte[9];   // CONNACK 20 02 00 00, SUBACK 90 03 00 01 00
            for (int n = 0; n < acks.Length;)
            {
                int got = socket.Receive(acks, n, acks.Length - n, SocketFlags.None);
                if (got == 0) throw new InvalidOperationException("the broker closed the connection");
                n += got;
            }

            if (acks[3] != 0 || acks[4] != 0x90 || acks[8] > 2) throw new InvalidOperationException("connect or subscribe refused: " + Convert.ToHexString(acks));
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            new Thread(() =>
            {
                Console.In.ReadToEnd();
                socket.Shutdown(SocketShutdown.Both);   // ends the receive loop below
            }) { IsBackground = true }.Start();

            Serve(socket, replyTopic, output);
            return 0;
        }

        /// <summary>Answers posts until the connection ends.</summary>
        private static void Serve(Socket socket, byte[] replyTopic, Packets output)
        {
            byte[] input = new byte[65536];
            int filled = 0;
            while (true)
            {
                int got;
                try
                {
                    got = socket.Receive(input, filled, input.Length - filled, SocketFlags.None);
                }
                catch (SocketException)
                {
                    return;
                }

                if (got == 0) return;
                filled += got;
                int used = 0;
                int header;
                int length;
                while (TryReadHeader(input, used, filled, out header, out length) && used + header + length <= filled)
                {
                    if ((input[used] & 0xF0) == 0x30) Answer(input.AsSpan(used + header, length), replyTopic, output);
                    used += header + length;
                }

                if (used == 0 && filled == input.Length) Array.Resize(ref input, input.Length * 2);   // one packet bigger than the buffer
                Buffer.BlockCopy(input, used, input, 0, filled - used);
                filled -= used;
                output.SendTo(socket);
            }
        }

        /// <summary>The fixed header's size and the remaining length of the packet at <paramref name="at"/>, if both are in.</summary>
        private static bool TryReadHeader(byte[] input, int at, int end, out int header, out int length)
        {
            header = 0;
            length = 0;
            int multiplier = 1;
            for (int i = at + 1; i < end && i <= at + 4; i++)
            {
                length += (input[i] & 0x7F) * multiplier;
                multiplier *= 128;
                if ((input[i] & 0x80) == 0)
                {
                    header = i - at + 1;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Queues the success reply to a QoS 0 PUBLISH body (topic, then payload); a post without an id is not answered.</summary>
        private static void Answer(ReadOnlySpan<byte> body, byte[] replyTopic, Packets output)
        {
            ReadOnlySpan<byte> post = body.Slice(2 + (body[0] << 8 | body[1]));
            int start = post.IndexOf(IdKey);
            if (start < 0) return;
            start += IdKey.Length;
            int length = post.Slice(start).IndexOf((byte)'"');
            if (length < 0) return;

            output.Begin(0x30);
            output.AddString(replyTopic);
            output.Add(ReplyHead);
            output.Add(post.Slice(start, length));
            output.Add(ReplyTail);
            output.End();
        }

        /// <summary>Outgoing packets gathered for one send.</summary>
        private sealed class Packets
        {
            private const int HeaderRoom = 5;   // packet type + up to 4 remaining-length bytes
            private byte[] _bytes = new byte[65536];
            private int _count;
            private int _packetStart;

            public void Begin(byte type)
            {
                Reserve(HeaderRoom);
                _packetStart = _count;
                _bytes[_count] = type;
                _count += HeaderRoom;
            }

            public void Add(ReadOnlySpan<byte> bytes)
            {
                Reserve(bytes.Length);
                bytes.CopyTo(_bytes.AsSpan(_count));
                _count += bytes.Length;
            }

            /// <summary>An MQTT string: two length bytes, then the bytes.</summary>
            public void AddString(byte[] utf8)
            {
                Reserve(2);
                _bytes[_count++] = (byte)(utf8.Length >> 8);
                _bytes[_count++] = (byte)utf8.Length;
                Add(utf8);
            }

            /// <summary>Writes the remaining length and closes the gap the header room leaves.</summary>
            public void End()
            {
                int remaining = _count - _packetStart - HeaderRoom;
                Span<byte> encoded = stackalloc byte[4];
                int n = 0;
                do
                {
                    byte digit = (byte)(remaining % 128);
                    remaining /= 128;
                    encoded[n++] = remaining > 0 ? (byte)(digit | 0x80) : digit;
                }
                while (remaining > 0);

                int body = _packetStart + HeaderRoom;
                encoded.Slice(0, n).CopyTo(_bytes.AsSpan(_packetStart + 1));
                Buffer.BlockCopy(_bytes, body, _bytes, _packetStart + 1 + n, _count - body);
                _count -= HeaderRoom - 1 - n;
            }

            public void SendTo(Socket socket)
            {
                for (int sent = 0; sent < _count;) sent += socket.Send(_bytes, sent, _count - sent, SocketFlags.None);
                _count = 0;
            }

            private void Reserve(int more)
            {
                if (_count + more > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _count + more));
            }
        }
    }
}
