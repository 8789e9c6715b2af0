using LinkKit.Nano;
using LinkKit.Nano.Json;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>ShadowDocument.Parse</c>, the cache update a client makes with it and the readers it lends: state and metadata
/// lie inside the payload as whole objects, read without error, and are what the cache copies; nothing allocates.
/// </summary>
public sealed class ShadowTarget : FuzzTarget
{
    private readonly ShadowDocument _document = new();
    private readonly ShadowCache _cache = new(256);
    private readonly JsonReader _check = new();
    private readonly byte[] _copy = new byte[256];

    public override void Run(byte[] data)
    {
        byte[] payload = Input.Framed(data);
        ParseAndRead(payload, data.Length);                          // warm-up
        long before = Oracle.Allocated();
        ParseAndRead(payload, data.Length);
        Oracle.NoAllocation("ShadowDocument.Parse and reads", before);
    }

    private void ParseAndRead(byte[] payload, int count)
    {
        ShadowDocument d = _document;
        int rc = d.Parse(payload, Input.Offset, count);
        if (rc != ErrorCode.Ok)
        {
            Oracle.That(rc == ErrorCode.Malformed, $"Parse returned {rc}");
            return;
        }

        CheckObject(d.HasState, d.StateStart, d.StateEnd, d.State, "state", payload, count);
        CheckObject(d.MetadataStart >= 0, d.MetadataStart, d.MetadataEnd, d.Metadata, "metadata", payload, count);
        JsonReader document = d.Document!;
        Oracle.That(document.TokenType == JsonTokenType.StartObject, "Document does not stand on the object");
        while (document.Read()) { }
        Oracle.That(document.Error == ErrorCode.Ok, $"a parsed shadow document does not read again: {document.Error}");

        _cache.Update(d);
        int n = _cache.CopyState(_copy, 0, _copy.Length);
        if (d.IsSuccess && d.HasState && d.StateEnd - d.StateStart <= _copy.Length)
        {
            Oracle.That(n == d.StateEnd - d.StateStart, $"the cache kept {n} bytes of a {(d.StateEnd - d.StateStart)}-byte state");
            Oracle.That(_copy.AsSpan(0, n).SequenceEqual(payload.AsSpan(d.StateStart, n)), "the cache's state differs from the document's");
        }

        _cache.CopyMetadata(_copy, 0, _copy.Length);
    }

    private void CheckObject(bool present, int start, int end, JsonReader? lent, string what, byte[] payload, int count)
    {
        Oracle.That(present == (lent != null), $"{what}: presence and reader disagree");
        if (!present) return;
        Oracle.Inside(what, start, end, Input.Offset, count);
        EnvelopeTarget.CheckStandalone(_check, what, payload, start, end, JsonTokenType.StartObject);
        while (lent!.Read()) { }
        Oracle.That(lent.Error == ErrorCode.Ok, $"{what} lent to the handler does not read: {lent.Error}");
    }
}
