using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// An MQTT 3.1.1 client written byte by byte, for tests that check the broker's packets exactly (a library client
/// would map or hide what the broker sent, e.g. SUBACK codes by position).
/// </summary>
public sealed class RawMqttClient : IAsyncDisposable
{
    readonly TcpClient _socket = new();
    NetworkStream _stream = null!;

    /// <summary>Connects and sends CONNECT (clean session, keep-alive 60 s); returns the whole CONNACK packet.</summary>
    public static async Task<(RawMqttClient Client, byte[] Connack)> ConnectAsync(int port, string clientId, string username, string password)
    {
        var client = new RawMqttClient();
        await client._socket.ConnectAsync(IPAddress.Loopback, port);
        client._stream = client._socket.GetStream();
        var body = new List<byte>();
        body.AddRange(Utf8("MQTT"));
        body.AddRange([4, 0b1100_0010, 0, 60]);       // level 4; username, password, clean session; keep-alive 60 s
        body.AddRange(Utf8(clientId));
        body.AddRange(Utf8(username));
        body.AddRange(Utf8(password));
        await client.SendAsync(0x10, body);
        return (client, await client.ReadPacketAsync());
    }

    /// <summary>Sends one SUBSCRIBE with the filters in this order; returns the whole SUBACK packet.</summary>
    public async Task<byte[]> SubscribeAsync(ushort packetId, params (string Filter, byte Qos)[] filters)
    {
        var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
        foreach ((string filter, byte qos) in filters)
        {
            body.AddRange(Utf8(filter));
            body.Add(qos);
        }
        await SendAsync(0x82, body);
        return await ReadPacketAsync();
    }

    /// <summary>Sends a PUBLISH at QoS 0.</summary>
    public Task PublishAsync(string topic, string payload)
    {
        var body = new List<byte>(Utf8(topic));
        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return SendAsync(0x30, body);
    }

    /// <summary>Sends one UNSUBSCRIBE; returns the whole UNSUBACK packet.</summary>
    public async Task<byte[]> UnsubscribeAsync(ushort packetId, string filter)
    {
        var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
        body.AddRange(Utf8(filter));
        await SendAsync(0xA2, body);
        return await ReadPacketAsync();
    }

    /// <summary>True when the broker has closed the connection (reads until end of stream or the timeout).</summary>
    public async Task<bool> ClosedByBrokerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, timeout.Token) > 0) { }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    static byte[] Utf8(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    async Task SendAsync(byte header, List<byte> body)
    {
        var packet = new List<byte> { header };
        int length = body.Count;
        do
        {
            byte digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        } while (length > 0);
        packet.AddRange(body);
        await _stream.WriteAsync(packet.ToArray());
    }

    /// <summary>The next whole packet the broker sends; fails after <see cref="TestDevice.Wait"/>.</summary>
    public async Task<byte[]> ReadPacketAsync()
    {
        using var timeout = new CancellationTokenSource(TestDevice.Wait);
        var packet = new List<byte> { await ReadByteAsync(timeout.Token) };
        int length = 0, shift = 0;
        byte digit;
        do
        {
            digit = await ReadByteAsync(timeout.Token);
            packet.Add(digit);
            length |= (digit & 0x7f) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, timeout.Token);
        packet.AddRange(body);
        return packet.ToArray();
    }

    async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
