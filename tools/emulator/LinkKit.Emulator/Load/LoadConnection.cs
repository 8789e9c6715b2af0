using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using LinkKit.Emulator.Auth;

namespace LinkKit.Emulator.Load;

/// <summary>
/// One simulated device for load runs: a minimal MQTT 3.1.1 client on a raw socket (TLS optional) that does only what
/// the load needs — CONNECT with Python-SDK-style credentials (<c>_ss=1</c>, so the broker subscribes the reply topics
/// itself), QoS 1 property posts, PUBACK / PINGREQ, and matching post_reply messages to the posts by id. A library client
/// costs tens of kilobytes and several tasks per connection; this one is a few buffers and one pending read, so one
/// process can drive thousands of devices.
/// </summary>
public sealed class LoadConnection
{
    /// <summary>Posts a device may have outstanding before the oldest one's reply can no longer be matched (a power of 2).</summary>
    const int RingSize = 64;
    const int MaxPacket = 1 << 20;
    const ushort KeepAliveSeconds = 60;

    readonly LoadDevice _device;
    readonly LoadStats _stats;
    readonly byte[] _topic;          // the post topic, length-prefixed as it goes into PUBLISH
    readonly byte[] _replyTopic;     // the reply topic, compared with incoming PUBLISH topics
    readonly Outstanding[] _ring = new Outstanding[RingSize];
    readonly TaskCompletionSource<int> _connack = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Sending: packets are appended to _pending under the lock; one flush at a time writes it (swapping it with _inFlight)
    // so writes never overlap (SslStream forbids that) and packets queued meanwhile go out in one write.
    readonly Lock _sendLock = new();
    byte[] _pending = new byte[512], _inFlight = new byte[512];
    int _pendingLength;
    bool _flushing, _closed;
    Task _flush = Task.CompletedTask;

    byte[] _receive = new byte[1024];
    Stream? _stream;
    int _nextPostId;
    ushort _packetId;
    long _lastSendTicks;
    volatile bool _disconnecting;

    struct Outstanding
    {
        public int Id;
        public long SentTicks;
    }

    public LoadConnection(LoadDevice device, LoadStats stats)
    {
        _device = device;
        _stats = stats;
        string topic = $"/sys/{device.ProductKey}/{device.DeviceName}/thing/event/property/post";
        _topic = LengthPrefixed(topic);
        _replyTopic = Encoding.UTF8.GetBytes(topic + "_reply");
    }

    public LoadDevice Device => _device;
    public bool Connected { get; private set; }
    /// <summary>The CONNACK return code, or -1 when none arrived.</summary>
    public int ConnackCode { get; private set; } = -1;
    /// <summary>Why the connection failed (<c>connack 4</c>, <c>socket ConnectionRefused</c>, <c>timeout</c>, …); null when connected.</summary>
    public string? Failure { get; private set; }
    /// <summary>Id and code of the last reply matched to a post (tests check them; two stores per reply).</summary>
    public long LastReplyId { get; private set; }
    public int LastReplyCode { get; private set; }

    /// <summary>Connects, sends CONNECT and waits for the CONNACK; false (with <see cref="Failure"/>) when refused or unreachable.</summary>
    public async Task<bool> ConnectAsync(IPEndPoint endpoint, string host, X509Certificate2? ca, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancel.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (ca != null)
            {
                var ssl = new SslStream(stream, false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(ca, certificate, errors),
                }, cancel.Token).ConfigureAwait(false);
            }
            _stream = stream;
            _ = ReceiveLoopAsync();
            Enqueue(BuildConnect(tls: ca != null));
            ConnackCode = await _connack.Task.WaitAsync(cancel.Token).ConfigureAwait(false);
            if (ConnackCode == 0)
            {
                Connected = true;
                return true;
            }
            Failure = ConnackCode < 0 ? "closed before CONNACK" : "connack " + ConnackCode;
        }
        catch (OperationCanceledException)
        {
            Failure = "timeout";
        }
        catch (SocketException ex)
        {
            Failure = "socket " + ex.SocketErrorCode;
        }
        catch (AuthenticationException)
        {
            Failure = "tls handshake";
        }
        catch (IOException ex)
        {
            Failure = ex.InnerException is SocketException s ? "socket " + s.SocketErrorCode : "closed";
        }
        catch (Exception ex)
        {
            Failure = ex.GetType().Name;      // counted with the rest rather than ending the worker
        }
        socket.Dispose();
        Close();
        return false;
    }

    static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // Only an unknown root is forgiven (the emulator's CA is not in the system store); a wrong name is not.
        if (certificate == null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }

    /// <summary>CONNECT as today's SDKs send it: clean session, keep-alive 60 s, HMAC-SHA1 signed with the device secret.</summary>
    byte[] BuildConnect(bool tls)
    {
        string ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        string devicePart = _device.ProductKey + "&" + _device.DeviceName;
        string clientId = $"{devicePart}|securemode={(tls ? 2 : 3)},signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=load,timestamp={ts}|";
        string password = AlinkSigner.Sign("hmacsha1", _device.DeviceSecret,
            AlinkSigner.DeviceLoginContent(devicePart, _device.ProductKey, _device.DeviceName, ts));
        byte[] body =
        [
            0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4,
            0b1100_0010,                                            // user name, password, clean session
            KeepAliveSeconds >> 8, KeepAliveSeconds & 0xFF,
            .. LengthPrefixed(clientId),
            .. LengthPrefixed(_device.DeviceName + "&" + _device.ProductKey),
            .. LengthPrefixed(password),
        ];
        Span<byte> header = stackalloc byte[5];
        header[0] = 0x10;
        int n = 1 + WriteRemainingLength(header[1..], body.Length);
        return [.. header[..n], .. body];
    }

    /// <summary>
    /// Sends the next property post (QoS 1) and records its send time under its id; false when the connection is not
    /// (or no longer) open. Called by the worker's scheduler thread only, so the id counter needs no lock.
    /// </summary>
    public bool Post()
    {
        if (!Connected || _closed) return false;
        int id = ++_nextPostId;
        ref Outstanding slot = ref _ring[id & (RingSize - 1)];
        slot.SentTicks = Stopwatch.GetTimestamp();
        Volatile.Write(ref slot.Id, id);      // published after the time: the receive loop reads the id first

        Span<byte> payload = stackalloc byte[160];
        int payloadLength = WritePayload(payload, id);
        if (++_packetId == 0) _packetId = 1;
        int remaining = _topic.Length + 2 + payloadLength;
        Span<byte> packet = stackalloc byte[5 + remaining];
        packet[0] = 0x32;                     // PUBLISH, QoS 1
        int o = 1 + WriteRemainingLength(packet[1..], remaining);
        _topic.CopyTo(packet[o..]);
        o += _topic.Length;
        BinaryPrimitives.WriteUInt16BigEndian(packet[o..], _packetId);
        o += 2;
        payload[..payloadLength].CopyTo(packet[o..]);
        return Enqueue(packet[..(o + payloadLength)]);
    }

    /// <summary>The same JSON as the SDK's property post; only the id, the counter and the temperature vary.</summary>
    static int WritePayload(Span<byte> to, int id)
    {
        int o = 0;
        Append(to, ref o, "{\"id\": \""u8);
        id.TryFormat(to[o..], out int w);
        o += w;
        Append(to, ref o, "\", \"version\": \"1.0\", \"params\": {\"temperature\": "u8);
        int tenths = 200 + Random.Shared.Next(100);                 // 20.0 … 29.9
        to[o++] = (byte)('0' + tenths / 100);
        to[o++] = (byte)('0' + tenths / 10 % 10);
        to[o++] = (byte)'.';
        to[o++] = (byte)('0' + tenths % 10);
        Append(to, ref o, ", \"counter\": "u8);
        id.TryFormat(to[o..], out w);
        o += w;
        Append(to, ref o, "}, \"method\": \"thing.event.property.post\"}"u8);
        return o;
    }

    static void Append(Span<byte> to, ref int offset, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to[offset..]);
        offset += bytes.Length;
    }

    /// <summary>Sends PINGREQ when nothing was sent for <paramref name="idleTicks"/> (the broker drops a silent client after 1.5 × keep-alive).</summary>
    public void PingIfIdle(long nowTicks, long idleTicks)
    {
        if (Connected && !_closed && nowTicks - Volatile.Read(ref _lastSendTicks) >= idleTicks) Enqueue([0xC0, 0]);
    }

    bool Enqueue(ReadOnlySpan<byte> packet)
    {
        lock (_sendLock)
        {
            if (_closed) return false;
            if (_pendingLength + packet.Length > _pending.Length)
                Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + packet.Length));
            packet.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += packet.Length;
            Volatile.Write(ref _lastSendTicks, Stopwatch.GetTimestamp());
            if (_flushing) return true;       // the running flush writes these bytes after its current write
            _flushing = true;
        }
        _flush = FlushAsync();                // completes synchronously when the socket takes the bytes at once (the usual case)
        return true;
    }

    async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                byte[] buffer;
                int length;
                lock (_sendLock)
                {
                    if (_pendingLength == 0 || _closed)
                    {
                        _flushing = false;
                        return;
                    }
                    (buffer, length) = (_pending, _pendingLength);
                    (_pending, _inFlight, _pendingLength) = (_inFlight, _pending, 0);
                }
                await _stream!.WriteAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Reset, closed or disposed: the connection is gone; its outstanding posts count as lost.
            lock (_sendLock) _flushing = false;
            Close();
        }
    }

    async Task ReceiveLoopAsync()
    {
        int filled = 0;
        try
        {
            while (true)
            {
                int n = await _stream!.ReadAsync(_receive.AsMemory(filled)).ConfigureAwait(false);
                if (n == 0) break;
                long arrived = Stopwatch.GetTimestamp();
                filled += n;
                int consumed = Parse(_receive.AsSpan(0, filled), arrived, out int needed);
                if (consumed > 0)
                {
                    Buffer.BlockCopy(_receive, consumed, _receive, 0, filled - consumed);
                    filled -= consumed;
                }
                if (needed > _receive.Length)
                {
                    if (needed > MaxPacket) break;
                    Array.Resize(ref _receive, needed);
                }
            }
        }
        catch (Exception)
        {
            // Reset, disposed or a malformed packet: handled as a close below.
        }
        _connack.TrySetResult(-1);
        Close();
    }

    /// <summary>Handles every complete packet in <paramref name="data"/>; returns the bytes used and, for an incomplete packet, its size.</summary>
    int Parse(ReadOnlySpan<byte> data, long arrived, out int needed)
    {
        int offset = 0;
        needed = 0;
        while (data.Length - offset >= 2)
        {
            ReadOnlySpan<byte> rest = data[offset..];
            int remaining = 0, i = 1;
            for (int shift = 0; ; shift += 7, i++)
            {
                if (i >= rest.Length) return offset;                 // length bytes still to come
                if (i > 4) throw new InvalidDataException("remaining length longer than 4 bytes");
                remaining |= (rest[i] & 0x7F) << shift;
                if ((rest[i] & 0x80) == 0) break;
            }
            int total = i + 1 + remaining;
            if (rest.Length < total)
            {
                needed = total;
                return offset;
            }
            OnPacket(rest[0], rest.Slice(i + 1, remaining), arrived);
            offset += total;
        }
        return offset;
    }

    void OnPacket(byte header, ReadOnlySpan<byte> body, long arrived)
    {
        switch (header >> 4)
        {
            case 2:                           // CONNACK: session present, return code
                _connack.TrySetResult(body.Length >= 2 ? body[1] : -1);
                break;
            case 3:
                OnPublish(header, body, arrived);
                break;
            case 4:                           // PUBACK of a post
                _stats.OnPubAck();
                break;
            // PINGRESP and anything else: nothing to do.
        }
    }

    void OnPublish(byte header, ReadOnlySpan<byte> body, long arrived)
    {
        int qos = (header >> 1) & 3;
        int topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        ReadOnlySpan<byte> topic = body.Slice(2, topicLength);
        int o = 2 + topicLength;
        if (qos > 0)
        {
            if (qos == 1) Enqueue([0x40, 2, body[o], body[o + 1]]);     // PUBACK with the same packet id
            o += 2;
        }
        if (!topic.SequenceEqual(_replyTopic)) return;
        if (!TryReadReply(body[o..], out long id, out int code))
        {
            _stats.OnUnmatched();
            return;
        }
        ref Outstanding slot = ref _ring[(int)(id & (RingSize - 1))];
        if (id <= 0 || Volatile.Read(ref slot.Id) != id)
        {
            _stats.OnUnmatched();
            return;
        }
        long sent = slot.SentTicks;
        slot.Id = 0;                          // a duplicate reply finds the slot empty
        LastReplyId = id;
        LastReplyCode = code;
        _stats.OnReply((arrived - sent) * 1_000_000 / Stopwatch.Frequency, code == 200);
    }

    /// <summary>Reads <c>id</c> (a decimal string) and <c>code</c> from a reply without building strings or a document.</summary>
    public static bool TryReadReply(ReadOnlySpan<byte> json, out long id, out int code)
    {
        id = -1;
        code = -1;
        bool haveCode = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped &&
                        Utf8Parser.TryParse(reader.ValueSpan, out long value, out int used) && used == reader.ValueSpan.Length)
                        id = value;
                }
                else if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    haveCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code);
                }
                else
                {
                    reader.Read();
                    reader.Skip();            // the value, whatever its shape (data is an object)
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return id >= 0 && haveCode;
    }

    /// <summary>Sends DISCONNECT (when still open), waits briefly for it to leave and closes the socket.</summary>
    public async Task DisconnectAsync()
    {
        _disconnecting = true;
        if (Connected && Enqueue([0xE0, 0]))
        {
            try { await _flush.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }
        Close();
    }

    void Close()
    {
        lock (_sendLock)
        {
            if (_closed) return;
            _closed = true;
        }
        if (Connected && !_disconnecting) _stats.OnConnectionLost();
        try { _stream?.Dispose(); }
        catch (Exception) { }
    }

    static byte[] LengthPrefixed(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    static int WriteRemainingLength(Span<byte> to, int length)
    {
        int i = 0;
        do
        {
            byte b = (byte)(length & 0x7F);
            length >>= 7;
            to[i++] = length > 0 ? (byte)(b | 0x80) : b;
        } while (length > 0);
        return i;
    }
}
