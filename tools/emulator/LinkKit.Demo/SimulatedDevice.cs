using System.Collections.Concurrent;
using System.Text;
using LinkKit.Nano;
using LinkKit.Nano.Json;
using LinkKit.Nano.Transport;

namespace LinkKit.Demo;

/// <summary>
/// A smart lamp as a device program would write it on this SDK: it keeps its state, applies property sets and the
/// shadow's desired state, answers services and RRPC in its handlers. Everything it sees and sends is also recorded
/// (copied out of the SDK's lent buffers) so the demo can print it.
/// </summary>
sealed class SimulatedDevice
{
    readonly LinkKitClient _client;
    readonly long _startedMs = Environment.TickCount64;

    public SimulatedDevice(LinkKitClient client)
    {
        _client = client;
        client.ConnectCompleted += (_, _, result) => Connects.Add(result);
        client.Subscribed += (_, id, granted, count) => Subscribed.Add((id, count > 0 ? granted[0] : -1));
        client.MessageReceived += (_, m) => Seen.Add($"MessageReceived {m.GetTopic()} \"{m.GetPayloadString()}\" (QoS {m.Qos})");
        client.PropertyPostReplied += (_, r) => PostReplies.Add(Copy(r));
        client.EventPostReplied += (_, r) => EventReplies.Add(CopyEvent(r));
        client.PropertySet += OnPropertySet;
        client.ServiceCalled += OnServiceCalled;
        client.ShadowReceived += OnShadow;
        client.RrpcRequestReceived += OnRrpc;
    }

    // The lamp's state.
    public bool LightOn = true;
    public double Temperature = 23.5;
    public string Color = "warm white";

    public readonly BlockingCollection<int> Connects = new();
    public readonly BlockingCollection<(int MessageId, int GrantedQos)> Subscribed = new();
    public readonly BlockingCollection<(long RequestId, int Code, string Message)> PostReplies = new();
    public readonly BlockingCollection<(string Event, long RequestId, int Code, string Message)> EventReplies = new();
    public readonly BlockingCollection<string> Seen = new();          // what the handlers received and did, one line each
    public readonly BlockingCollection<(long Version, string Status)> ShadowReplies = new();

    void OnPropertySet(LinkKitClient sender, long requestId, JsonReader p, ref int replyCode)
    {
        string received = Raw(p);
        p = Reread(received);
        p.Read(); // StartObject
        while (p.Read() && p.TokenType == JsonTokenType.PropertyName)
        {
            string name = p.GetString();
            p.Read();
            if (name == "LightSwitch" && p.TryGetInt32(out int on) == ErrorCode.Ok) LightOn = on == 1;
            else if (name == "color") Color = p.GetString();
            else if (name == "temperature" && p.TryGetDouble(out double t) == ErrorCode.Ok) Temperature = t;
            else p.Skip();
        }

        replyCode = LinkKitClient.ReplySuccess;
        Seen.Add($"handler got {received}, lamp now {(LightOn ? "on" : "off")} {Color}, replied {replyCode}");
    }

    void OnServiceCalled(LinkKitClient sender, ServiceCall call)
    {
        string parameters = Raw(call.Parameters);
        int rc;
        if (call.IdentifierEquals("getStatus"))
        {
            int uptime = (int)((Environment.TickCount64 - _startedMs) / 1000);
            ThingWriter answer = sender.BeginServiceAnswer(call, 200);
            answer.Write("uptime", uptime);
            rc = sender.EndServiceAnswer();
            AnsweredUptime = uptime;
            Seen.Add($"handler got {call.GetIdentifier()} {parameters} ({(call.IsSync ? "sync, RRPC " + call.RrpcMessageId : "async")}), answered 200 {{\"uptime\":{uptime}}} (rc {rc})");
        }
        else
        {
            rc = sender.AnswerService(call, 200);
            Seen.Add($"handler got {call.GetIdentifier()} {parameters} ({(call.IsSync ? "sync" : "async")}, id {call.RequestId}), answered 200 (rc {rc})");
        }
    }

    /// <summary>The uptime (whole seconds) the last getStatus answer carried.</summary>
    public int AnsweredUptime = -1;

    void OnShadow(LinkKitClient sender, ShadowDocument document)
    {
        if (document.Method == ShadowMethod.Reply)
        {
            ShadowReplies.Add((document.HasVersion ? document.Version : -1, document.IsSuccess ? "success" : "error " + document.ContentErrorCode));
            return;
        }

        if (document.Method != ShadowMethod.Control || !document.HasState) return;
        string state = Raw(document.State);
        JsonReader r = Reread(state);
        r.Read();
        if (r.MoveToProperty("desired") && r.MoveToProperty("color")) Color = r.GetString();

        // Apply, report the new state, then clear the desired state: the platform's documented sequence.
        long version = document.Version;
        ThingWriter w = sender.BeginShadowUpdate(version + 1);
        w.Write("color", Color);
        int reported = sender.EndShadowUpdate();
        int cleared = sender.ClearShadowDesired(version + 2);
        Seen.Add($"control push version {version} state {state}: lamp now {Color}; reported {{\"color\":\"{Color}\"}} as version {version + 1} (rc {reported}), "
                 + $"cleared desired as version {version + 2} (rc {cleared})");
    }

    void OnRrpc(LinkKitClient sender, RrpcRequest request)
    {
        string payload = Encoding.UTF8.GetString(request.Payload, request.PayloadOffset, request.PayloadCount);
        byte[] answer = Encoding.UTF8.GetBytes(payload == "ping" ? "pong" : "?");
        int rc = sender.AnswerRrpc(request.MessageId, answer, 0, answer.Length);
        Seen.Add($"handler got {(request.IsSystem ? "system" : "custom")} RRPC {request.MessageId} on {request.GetTopic()} \"{payload}\", answered \"pong\" (rc {rc})");
    }

    static (long, int, string) Copy(ThingReply r) => (r.RequestId, r.Code, r.HasMessage ? r.GetMessage() : "");

    static (string, long, int, string) CopyEvent(ThingReply r) => (r.GetIdentifier(), r.RequestId, r.Code, r.HasMessage ? r.GetMessage() : "");

    /// <summary>The JSON text of the object a lent reader stands on.</summary>
    public static string Raw(JsonReader reader)
    {
        int start = reader.ValueOffset;
        reader.Skip();
        return Encoding.UTF8.GetString(reader.Buffer, start, reader.ValueOffset + 1 - start);
    }

    static JsonReader Reread(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        JsonReader reader = new();
        reader.Reset(bytes, 0, bytes.Length);
        return reader;
    }
}

/// <summary>The MQTT transport, with every publish recorded as text: what the SDK really sent.</summary>
sealed class RecordingTransport(IMqttTransport inner) : IMqttTransport
{
    public readonly BlockingCollection<(string Topic, string Payload)> Sent = new();

    public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent) => inner.Connect(request, sink, out sessionPresent);

    public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
    {
        int rc = inner.Publish(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
        if (rc >= 0) Sent.Add((Encoding.UTF8.GetString(topic, topicOffset, topicCount), Encoding.UTF8.GetString(payload, payloadOffset, payloadCount)));
        return rc;
    }

    public int Subscribe(string[] topicFilters, int[] qos, int count) => inner.Subscribe(topicFilters, qos, count);

    public int Unsubscribe(string[] topicFilters, int count) => inner.Unsubscribe(topicFilters, count);

    public void Disconnect() => inner.Disconnect();

    public void Close() => inner.Close();
}
