using LinkKit.Nano;
using LinkKit.Nano.Transport;

namespace LinkKit.Fuzz;

/// <summary>
/// An MQTT transport that accepts every connect and publish and allocates nothing per call, so a client can be fed
/// downlinks on the fuzzing thread and its answers acknowledged there (QoS 1 slots would otherwise run out).
/// </summary>
public sealed class LoopbackTransport : IMqttTransport
{
    private readonly object _lock = new();
    private readonly int[] _unacknowledged = new int[64];
    private int _unacknowledgedCount;
    private int _nextId = 1;

    public IMqttTransportSink? Sink { get; private set; }

    public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent)
    {
        Sink = sink;
        sessionPresent = false;
        return ConnectResult.Accepted;
    }

    public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
    {
        lock (_lock)
        {
            int id = NextId();
            if (qos > 0 && _unacknowledgedCount < _unacknowledged.Length) _unacknowledged[_unacknowledgedCount++] = id;
            return id;
        }
    }

    public int Subscribe(string[] topicFilters, int[] qos, int count)
    {
        lock (_lock) return NextId();
    }

    public int Unsubscribe(string[] topicFilters, int count)
    {
        lock (_lock) return NextId();
    }

    public void Disconnect()
    {
    }

    public void Close()
    {
    }

    /// <summary>Delivers a message as the broker would, then acknowledges what the client published in answer.</summary>
    public void Deliver(byte[] topic, int topicCount, byte[] payload, int payloadOffset, int payloadCount)
    {
        IMqttTransportSink sink = Sink ?? throw new InvalidOperationException("not connected");
        sink.OnMessageReceived(topic, 0, topicCount, payload, payloadOffset, payloadCount, 0);
        while (true)
        {
            int id;
            lock (_lock)
            {
                if (_unacknowledgedCount == 0) return;
                id = _unacknowledged[--_unacknowledgedCount];
            }

            sink.OnPublishCompleted(id, true);
        }
    }

    private int NextId()
    {
        int id = _nextId;
        _nextId = id == 65535 ? 1 : id + 1;
        return id;
    }
}
