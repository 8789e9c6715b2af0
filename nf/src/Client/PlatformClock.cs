using System;
using System.Threading;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// A millisecond counter that only moves forward at a steady rate, whatever the wall clock does:
    /// <c>Environment.TickCount64</c> (nf/device/TickCountClock.cs, on the device and on a PC).
    /// </summary>
    public interface IMonotonicClock
    {
        /// <summary>Milliseconds since an arbitrary start.</summary>
        long ElapsedMilliseconds { get; }
    }

    /// <summary>Handles <see cref="PlatformClock.Synchronized"/>: the platform's time, in Unix milliseconds, now.</summary>
    public delegate void ClockSynchronizedHandler(PlatformClock sender, long unixTimeMilliseconds);

    /// <summary>
    /// The platform's clock over MQTT (<c>/ext/ntp/{pk}/{dn}/request</c> and <c>…/response</c>), for boards that boot
    /// without a clock: asked on every connect and on <see cref="Synchronize"/>, computed from the four timestamps
    /// (device send and receive on the monotonic counter, server receive and send), then kept by the monotonic
    /// counter. Give it as <see cref="LinkKitOptions.Clock"/> so the SDK's own time (HMAC-SHA1 signing) is the
    /// platform's once known; until then, and for waits, the fallback clock answers.
    /// </summary>
    /// <remarks>
    /// UTC ms = (serverRecvTime + serverSendTime + deviceRecvTime − deviceSendTime) / 2, the device's two times on one
    /// counter. Only the answer to the latest request counts (its deviceSendTime must be the one sent); anything else
    /// on the topic is counted in <see cref="IgnoredResponses"/>. A response allocates nothing.
    /// </remarks>
    public sealed class PlatformClock : IClock, IMillisecondClock
    {
        private readonly IMonotonicClock _monotonic;
        private readonly IClock _fallback;
        private readonly object _lock = new object();
        private readonly JsonReader _json = new JsonReader(2);
        private readonly byte[] _payload = new byte[64];
        private readonly byte[] _digits = new byte[20];
        private readonly JsonWriter _writer = new JsonWriter(1);
        private LinkKitClient _client;
        private string _requestTopic;
        private string _responseTopic;
        private bool _subscribed;
        private long _sentAt = -1;           // deviceSendTime of the request awaiting its answer
        private long _baseUtc;               // the platform's time at _baseMonotonic
        private long _baseMonotonic;
        private bool _synchronized;

        /// <summary>A clock that counts with <paramref name="monotonic"/> and answers with <paramref name="fallback"/> until synchronized.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public PlatformClock(IMonotonicClock monotonic, IClock fallback)
        {
            if (monotonic == null) throw new ArgumentNullException("monotonic");
            if (fallback == null) throw new ArgumentNullException("fallback");
            _monotonic = monotonic;
            _fallback = fallback;
        }

        /// <summary>True once a response has set the time.</summary>
        public bool IsSynchronized
        {
            get { lock (_lock) return _synchronized; }
        }

        /// <summary>Responses that were not the answer to the latest request, or not readable: counted and dropped.</summary>
        public int IgnoredResponses { get; private set; }

        /// <summary>Raised on the connection's thread each time a response sets the time.</summary>
        public event ClockSynchronizedHandler Synchronized;

        /// <summary>
        /// Asks <paramref name="client"/>'s platform for the time on every connect (and now, when it is connected).
        /// Once per clock.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        /// <exception cref="InvalidOperationException">Already attached.</exception>
        public void Attach(LinkKitClient client)
        {
            if (client == null) throw new ArgumentNullException("client");
            lock (_lock)
            {
                if (_client != null) throw new InvalidOperationException("The clock is already attached to a client.");
                _client = client;
                _requestTopic = "/ext/ntp/" + client.ProductKey + "/" + client.DeviceName + "/request";
                _responseTopic = "/ext/ntp/" + client.ProductKey + "/" + client.DeviceName + "/response";
            }
            client.ConnectCompleted += OnConnectCompleted;
            client.MessageReceived += OnMessageReceived;
            if (client.State == LinkKitState.Connected) OnConnected();
        }

        /// <summary>Asks for the time now.</summary>
        /// <returns>The publish result (<see cref="ErrorCode.NotConnected"/> while reconnecting).</returns>
        /// <exception cref="InvalidOperationException">Not attached to a client.</exception>
        public int Synchronize()
        {
            LinkKitClient client;
            int length;
            lock (_lock)
            {
                client = _client;
                if (client == null) throw new InvalidOperationException("Attach the clock to a client first.");
                _sentAt = _monotonic.ElapsedMilliseconds;
                length = WriteRequest(_sentAt);
            }
            int id;
            return client.Publish(_requestTopic, _payload, 0, length, 0, out id);
        }

        /// <summary>The platform's time in Unix milliseconds once synchronized; the fallback's before.</summary>
        public long UnixTimeMilliseconds()
        {
            lock (_lock)
            {
                if (_synchronized) return _baseUtc + (_monotonic.ElapsedMilliseconds - _baseMonotonic);
            }
            return _fallback.UnixTimeSeconds() * 1000;
        }

        /// <inheritdoc/>
        public long UnixTimeSeconds()
        {
            return UnixTimeMilliseconds() / 1000;
        }

        /// <inheritdoc/>
        public bool Wait(WaitHandle wake, int milliseconds)
        {
            return _fallback.Wait(wake, milliseconds);
        }

        /// <summary>The platform's time when the response arrives, from the four timestamps (all in milliseconds).</summary>
        public static long Compute(long deviceSendTime, long serverRecvTime, long serverSendTime, long deviceRecvTime)
        {
            return (serverRecvTime + serverSendTime + deviceRecvTime - deviceSendTime) / 2;
        }

        /// <summary>Reads a response: sets the time when it answers the latest request.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> (counted in <see cref="IgnoredResponses"/>,
        /// as is an answer to another request: <see cref="ErrorCode.RequestNotPending"/>).</returns>
        internal int OnResponse(byte[] payload, int offset, int count)
        {
            long now = _monotonic.ElapsedMilliseconds;
            long utc;
            lock (_lock)
            {
                long sent, serverRecv, serverSend;
                int rc = Read(payload, offset, count, out sent, out serverRecv, out serverSend);
                if (rc == ErrorCode.Ok && (sent != _sentAt || _sentAt < 0)) rc = ErrorCode.RequestNotPending;
                if (rc != ErrorCode.Ok)
                {
                    IgnoredResponses++;
                    return rc;
                }
                utc = Compute(sent, serverRecv, serverSend, now);
                _baseUtc = utc;
                _baseMonotonic = now;
                _synchronized = true;
                _sentAt = -1;
            }
            ClockSynchronizedHandler handler = Synchronized;
            if (handler != null) handler(this, utc);
            return ErrorCode.Ok;
        }

        private int Read(byte[] payload, int offset, int count, out long sent, out long serverRecv, out long serverSend)
        {
            sent = serverRecv = serverSend = -1;
            JsonReader json = _json;
            json.Reset(payload, offset, count);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueEquals("deviceSendTime")) sent = ReadTime(json);
                else if (json.ValueEquals("serverRecvTime")) serverRecv = ReadTime(json);
                else if (json.ValueEquals("serverSendTime")) serverSend = ReadTime(json);
                else if (!json.Skip()) return ErrorCode.Malformed;
            }
            if (json.Error != ErrorCode.Ok || json.TokenType != JsonTokenType.EndObject) return ErrorCode.Malformed;
            return sent < 0 || serverRecv < 0 || serverSend < 0 ? ErrorCode.Malformed : ErrorCode.Ok;
        }

        // A time is a decimal string (as the platform writes it) or a number; -1 when it is neither.
        private static long ReadTime(JsonReader json)
        {
            long value;
            if (!json.Read() || json.TryGetInt64FromNumberOrString(out value) != ErrorCode.Ok) return -1;
            return value >= 0 ? value : -1;
        }

        // {"deviceSendTime":"<ms>"}: the time as a decimal string, as the platform's documentation writes it.
        private int WriteRequest(long sentAt)
        {
            int digits = NumberFormatter.WriteInt64(sentAt, _digits, 0, _digits.Length);
            JsonWriter w = _writer;
            w.Reset(_payload, 0, _payload.Length);
            w.WriteStartObject();
            w.WritePropertyName("deviceSendTime");
            w.WriteString(_digits, 0, digits);
            w.WriteEndObject();
            return w.Length;
        }

        private void OnConnectCompleted(LinkKitClient sender, bool sessionPresent, int result)
        {
            if (result == ConnectResult.Accepted) OnConnected();
        }

        private void OnConnected()
        {
            if (!_subscribed)
            {
                int id;
                // Remembered and replayed by the client; the platform also delivers it unasked with _ss=1.
                _subscribed = _client.Subscribe(_responseTopic, 0, out id) == ErrorCode.Ok;
            }
            Synchronize();
        }

        private void OnMessageReceived(LinkKitClient sender, TopicMessage message)
        {
            if (message.TopicEquals(_responseTopic)) OnResponse(message.Payload, message.PayloadOffset, message.PayloadCount);
        }
    }
}
