using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Things;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>ThingTopics.Classify</c> on a downlink topic of the capture's device: the identifier span lies inside the topic
/// and holds no '/', RRPC kinds carry a message id, broadcasts one or -1, others none, and classifying allocates nothing.
/// </summary>
public sealed class TopicTarget : FuzzTarget
{
    private readonly ThingTopics _topics = new(TestTsl.ProductKey, TestTsl.DeviceName);

    public override void Run(byte[] data)
    {
        byte[] topic = Input.Framed(data);
        int offset = Input.Offset, count = data.Length;
        _topics.Classify(topic, offset, count, out _, out _, out _);   // warm-up: first calls may JIT or run static constructors
        long before = Oracle.Allocated();
        AlinkKind kind = _topics.Classify(topic, offset, count, out int idOffset, out int idCount, out long messageId);
        Oracle.NoAllocation("ThingTopics.Classify", before);

        Oracle.That(Enum.IsDefined(kind), $"Classify returned an undefined kind {(int)kind}");
        Oracle.That(idCount >= 0, "negative identifier count");
        if (idCount > 0) Oracle.Inside("identifier", idOffset, idOffset + idCount, offset, count);
        bool rrpc = kind is AlinkKind.SystemRrpc or AlinkKind.SyncService or AlinkKind.CustomRrpc;
        if (kind == AlinkKind.Broadcast) Oracle.That(messageId >= -1, $"broadcast with message id {messageId}");   // -1: not decimal
        else Oracle.That(rrpc ? messageId >= 0 : messageId == -1, $"{kind} with message id {messageId}");
        if (kind is AlinkKind.Service or AlinkKind.EventPost or AlinkKind.SyncService)
        {
            Oracle.That(idCount > 0 && Array.IndexOf(topic, (byte)'/', idOffset, idCount) < 0, $"{kind} identifier is empty or holds '/'");
        }

        if (kind == AlinkKind.CustomRrpc) Oracle.That(idCount > 0 && topic[idOffset] == (byte)'/', "custom RRPC inner topic does not start with '/'");
    }
}
