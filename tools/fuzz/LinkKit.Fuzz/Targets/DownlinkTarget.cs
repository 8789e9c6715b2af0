using System.Text;
using LinkKit.Nano;
using LinkKit.Nano.Client;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Text;

namespace LinkKit.Fuzz;

/// <summary>
/// The whole per-message path of a connected client with the test thing model: the first input byte picks a downlink
/// topic (property set, asynchronous and synchronous service calls, replies, shadow, RRPC, raw data, the field
/// services' desired reply, log switch reply and push, bootstrap notice and broadcast), the rest is the payload. Handlers read everything they are lent and answer. Oracles: nothing allocates on the fuzzing thread, no
/// exception reaches the thing layer's catch-all (logged as an error), the lent readers read without error.
/// </summary>
public sealed class DownlinkTarget : FuzzTarget
{
    private const string Sys = "/sys/" + TestTsl.ProductKey + "/" + TestTsl.DeviceName + "/";
    private const string RrpcId = "1700000000000000000";   // 19 digits, rewritten in place for each call

    private static readonly string[] s_topics =
    [
        Sys + "thing/service/property/set",
        Sys + "thing/service/reboot",
        Sys + "thing/service/getStatus",
        "/ext/rrpc/" + RrpcId + Sys + "thing/service/getStatus",
        "/ext/rrpc/" + RrpcId + Sys + "thing/service/reboot",
        Sys + "thing/event/property/post_reply",
        Sys + "thing/event/alarm/post_reply",
        Sys + "thing/deviceinfo/update_reply",
        "/shadow/get/" + TestTsl.ProductKey + "/" + TestTsl.DeviceName,
        Sys + "rrpc/request/" + RrpcId,
        "/ext/rrpc/" + RrpcId + "/" + TestTsl.ProductKey + "/" + TestTsl.DeviceName + "/user/rrpc_demo",
        Sys + "thing/model/down_raw",
        Sys + "thing/property/desired/get_reply",
        Sys + "thing/config/log/get_reply",
        Sys + "thing/config/log/push",
        Sys + "thing/bootstrap/notify",
        Sys + "broadcast/request/" + RrpcId,
    ];

    private readonly byte[][] _topics = s_topics.Select(Encoding.UTF8.GetBytes).ToArray();
    private readonly int[] _rrpcIdAt = s_topics.Select(t => t.IndexOf(RrpcId, StringComparison.Ordinal)).ToArray();
    private readonly byte[] _answer = Encoding.UTF8.GetBytes("{\"pong\":true}");
    private readonly ErrorSink _errors = new();
    private LoopbackTransport? _transport;
    private LinkKitClient? _client;
    private long _rrpcMessageId = 1700000000000000000;
    private string? _handlerFailure;

    /// <summary>How many property sets and service calls reached a handler: a corpus that reaches none fuzzes nothing past the checks.</summary>
    public int HandledRequests { get; private set; }

    public override void Run(byte[] data)
    {
        if (data.Length == 0) return;
        LoopbackTransport transport = Connect();
        int which = data[0] % _topics.Length;
        byte[] payload = Input.Framed(data);
        Deliver(transport, which, payload, data.Length - 1);        // warm-up
        long before = Oracle.Allocated();
        Deliver(transport, which, payload, data.Length - 1);
        Oracle.NoAllocation("the thing dispatch", before);
    }

    private void Deliver(LoopbackTransport transport, int which, byte[] payload, int count)
    {
        // A fresh RRPC message id each time, or the second delivery is dropped as an echo of the first.
        byte[] topic = _topics[which];
        if (_rrpcIdAt[which] >= 0) NumberFormatter.WriteInt64(++_rrpcMessageId, topic, _rrpcIdAt[which], RrpcId.Length);

        _errors.Message = null;
        _handlerFailure = null;
        transport.Deliver(topic, topic.Length, payload, Input.Offset + 1, count);
        Oracle.That(_errors.Message == null, $"the thing layer caught an exception: {_errors.Message}");
        Oracle.That(_handlerFailure == null, _handlerFailure!);
    }

    public override void Dispose() => _client?.Destruct();

    private LoopbackTransport Connect()
    {
        if (_transport != null) return _transport;
        var transport = new LoopbackTransport();
        var options = new LinkKitOptions { UseTls = false, Port = 1883, Clock = new FixedClock() };
        var client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, "0123456789abcdef0123456789abcdef", options);
        client.ThingSetup(TestTsl.Load());
        client.EnableLogger(LogLevel.Error, _errors);
        client.PropertySet += OnPropertySet;
        client.ServiceCalled += OnServiceCalled;
        client.RrpcRequestReceived += OnRrpc;
        client.PropertyPostReplied += OnReply;
        client.EventPostReplied += OnReply;
        client.TagsUpdateReplied += OnReply;
        client.ShadowReceived += OnShadow;
        client.DesiredPropertiesGetReplied += OnDesired;
        client.BootstrapNotified += OnBootstrap;
        client.BroadcastReceived += OnBroadcast;
        client.ConnectAsync();
        for (int i = 0; client.State != LinkKitState.Connected; i++)
        {
            if (i == 1000) throw new InvalidOperationException("the client did not connect to the loopback transport");
            Thread.Sleep(10);
        }

        _client = client;
        return _transport = transport;
    }

    private void OnPropertySet(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode)
    {
        HandledRequests++;
        ReadToEnd(parameters, "property set params");
        replyCode = LinkKitClient.ReplySuccess;
    }

    private void OnServiceCalled(LinkKitClient sender, ServiceCall call)
    {
        HandledRequests++;
        ReadToEnd(call.Parameters, "service call params");
        call.IdentifierEquals("getStatus");
        sender.AnswerService(call, LinkKitClient.ReplySuccess);
    }

    private void OnRrpc(LinkKitClient sender, RrpcRequest request)
    {
        sender.AnswerRrpc(request.MessageId, _answer, 0, _answer.Length);
    }

    private void OnReply(LinkKitClient sender, ThingReply reply)
    {
        JsonReader? data = reply.Data;
        if (data != null) ReadToEnd(data, "reply data");
        reply.MessageEquals("success");
    }

    private void OnShadow(LinkKitClient sender, ShadowDocument document)
    {
        JsonReader? state = document.State;
        if (state != null) ReadToEnd(state, "shadow state");
        JsonReader? metadata = document.Metadata;
        if (metadata != null) ReadToEnd(metadata, "shadow metadata");
    }

    private void OnDesired(LinkKitClient sender, ThingReply reply, DesiredProperties properties)
    {
        while (properties.MoveNext())
        {
            JsonReader? value = properties.Value;
            if (value != null) ReadToEnd(value, "desired value");
        }
    }

    private static void OnBootstrap(LinkKitClient sender, int command, ref bool reconnect)
    {
        reconnect = false;   // answered and raised; a reconnect would stop the next inputs
    }

    private void OnBroadcast(LinkKitClient sender, BroadcastMessage message)
    {
        Oracle.Inside("broadcast payload", message.PayloadOffset, message.PayloadOffset + message.PayloadCount, 0, message.Payload.Length);
    }

    /// <summary>Reads a lent reader (standing on its first token) to its end; what the SDK lends must read cleanly.</summary>
    private void ReadToEnd(JsonReader reader, string what)
    {
        while (reader.Read()) { }
        if (reader.Error != ErrorCode.Ok && _handlerFailure == null) _handlerFailure = what + " lent to a handler do not read: " + reader.Error;
    }

    /// <summary>Records the thing layer's error lines (its catch-all logs "thing message handling failed").</summary>
    private sealed class ErrorSink : ILogSink
    {
        public volatile string? Message;

        public void Write(LogLevel level, string message)
        {
            if (level >= LogLevel.Error) Message = message;
        }
    }

    /// <summary>A clock that never moves, so no request or call expires between two deliveries.</summary>
    private sealed class FixedClock : IClock
    {
        public long UnixTimeSeconds() => 1700000000;

        public long UnixTimeMilliseconds() => 1700000000000;

        public bool Wait(WaitHandle wake, int milliseconds) => wake.WaitOne(milliseconds);
    }
}
