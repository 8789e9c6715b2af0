using LinkKit.Nano;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>AlinkEnvelope.Read</c> of one payload as a reply and as a request: every range it gives (params, data, message)
/// lies inside the payload and reads back on its own as the one JSON value it stands for; nothing is allocated.
/// </summary>
public sealed class EnvelopeTarget : FuzzTarget
{
    private readonly AlinkEnvelope _envelope = new();
    private readonly JsonReader _check = new();

    public override void Run(byte[] data)
    {
        byte[] payload = Input.Framed(data);
        ReadAndCheck(payload, data.Length, true);    // warm-up of both modes, then measured
        ReadAndCheck(payload, data.Length, false);
        long before = Oracle.Allocated();
        ReadAndCheck(payload, data.Length, true);
        ReadAndCheck(payload, data.Length, false);
        Oracle.NoAllocation("AlinkEnvelope.Read", before);
    }

    private void ReadAndCheck(byte[] payload, int count, bool isReply)
    {
        int offset = Input.Offset;
        AlinkEnvelope e = _envelope;
        int rc = e.Read(payload, offset, count, isReply);
        if (rc != ErrorCode.Ok)
        {
            Oracle.That(rc == ErrorCode.Malformed, $"Read returned {rc}");
            return;
        }

        Oracle.That(e.HasId || e.Id == -1, "an id without HasId");
        if (isReply)
        {
            Oracle.That(e.ParamsStart == -1, "a reply read gave params");
            CheckValue(payload, offset, count, "data", e.DataStart, e.DataEnd, JsonTokenType.None);
            CheckValue(payload, offset, count, "message", e.MessageStart, e.MessageEnd, JsonTokenType.String);
        }
        else
        {
            Oracle.That(e.DataStart == -1 && e.MessageStart == -1 && !e.HasCode, "a request read gave reply fields");
            CheckValue(payload, offset, count, "params", e.ParamsStart, e.ParamsEnd, JsonTokenType.StartObject);
        }
    }

    /// <summary>A range is absent (-1, -1) or one whole JSON value inside the payload, of <paramref name="type"/> unless None.</summary>
    private void CheckValue(byte[] payload, int offset, int count, string what, int start, int end, JsonTokenType type)
    {
        if (start < 0)
        {
            Oracle.That(start == -1 && end == -1, $"{what} absent with a half range");
            return;
        }

        Oracle.Inside(what, start, end, offset, count);
        CheckStandalone(_check, what, payload, start, end, type);
    }

    /// <summary>Reading [start, end) alone gives exactly one value (of <paramref name="type"/> unless None) and no error.</summary>
    internal static void CheckStandalone(JsonReader r, string what, byte[] buffer, int start, int end, JsonTokenType type)
    {
        r.Reset(buffer, start, end - start);
        Oracle.That(r.Read(), $"{what} range does not start with a value");
        Oracle.That(type == JsonTokenType.None || r.TokenType == type, $"{what} range holds a {r.TokenType}, not a {type}");
        Oracle.That(r.Skip(), $"{what} range does not hold a whole value");
        Oracle.That(!r.Read() && r.Error == ErrorCode.Ok, $"{what} range holds more than one value");
    }
}
