using LinkKit.Nano;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>ThingReply.Parse</c> and what a reply handler reads of it (the data reader to its end, the message compared and
/// copied, the data as desired properties with every entry read, the device-log switch's mode): nothing allocates, the
/// data reads without error, the copied message is the decoded message, the desired view's count is what it iterates.
/// </summary>
public sealed class ReplyTarget : FuzzTarget
{
    private readonly ThingReply _reply = new();
    private readonly DesiredProperties _desired = new();
    private readonly byte[] _text = new byte[64];

    public override void Run(byte[] data)
    {
        byte[] payload = Input.Framed(data);
        byte[] message = new byte[data.Length + 1];
        ParseAndRead(payload, data.Length, message);                 // warm-up
        long before = Oracle.Allocated();
        int copied = ParseAndRead(payload, data.Length, message);
        Oracle.NoAllocation("ThingReply.Parse and reads", before);

        // Outside the measured call: the allocating accessor agrees with the copying one.
        string? text = _reply.GetMessage();
        Oracle.That((text == null) == !_reply.HasMessage, "GetMessage and HasMessage disagree");
        if (text != null && copied >= 0)
        {
            Oracle.That(System.Text.Encoding.UTF8.GetString(message, 0, copied) == text, "CopyMessage and GetMessage disagree");
        }
    }

    /// <returns>The CopyMessage result, or -1 when the payload is no reply.</returns>
    private int ParseAndRead(byte[] payload, int count, byte[] message)
    {
        ThingReply reply = _reply;
        int rc = reply.Parse(payload, Input.Offset, count);
        if (rc != ErrorCode.Ok)
        {
            Oracle.That(rc == ErrorCode.Malformed, $"Parse returned {rc}");
            return -1;
        }

        Oracle.That(reply.RequestId == -1 || (reply.RequestId > 0 && reply.RequestId <= int.MaxValue), $"request id {reply.RequestId} the SDK never sends");
        Oracle.That(!reply.IsTimeout || reply.Code == ErrorCode.RequestTimedOut, "timeout flag without the timeout code");
        JsonReader? d = reply.Data;
        Oracle.That((d != null) == reply.HasData, "Data and HasData disagree");
        if (d != null)
        {
            Oracle.That(d.TokenType != JsonTokenType.None, "Data does not stand on a token");
            while (d.Read()) { }
            Oracle.That(d.Error == ErrorCode.Ok, $"reading the reply's data failed: {d.Error}");
        }

        ReadDesired(reply);
        int mode = ThingRequests.ReadLogMode(reply.Data, out _);
        Oracle.That(mode == ErrorCode.Ok || mode == ErrorCode.Malformed, $"ReadLogMode returned {mode}");

        reply.MessageEquals("success");
        int copied = reply.CopyMessage(message, 0, message.Length);
        Oracle.That(copied >= 0 && (copied > 0 || !reply.HasMessage || IsEmptyMessage(reply)), $"CopyMessage returned {copied}");
        return copied;
    }

    private static bool IsEmptyMessage(ThingReply reply) => reply.MessageEquals("");

    // The reply's data as a desired-get handler reads it: every entry, every getter.
    private void ReadDesired(ThingReply reply)
    {
        DesiredProperties d = _desired;
        d.Set(reply);
        int n = 0;
        while (d.MoveNext())
        {
            n++;
            Oracle.That(d.HasCurrent && d.CopyIdentifier(_text, 0, _text.Length) != 0, "an entry without an identifier");
            Oracle.That(d.Version >= -1, $"version {d.Version}");
            Oracle.That(d.HasValue == (d.Value != null), "HasValue and Value disagree");
            if (d.HasValue)
            {
                Oracle.Inside("desired value", d.ValueOffset, d.ValueOffset + d.ValueCount, 0, d.Buffer.Length);
                JsonReader v = d.Value!;
                while (v.Read()) { }
                Oracle.That(v.Error == ErrorCode.Ok, $"a desired value does not read: {v.Error}");
            }

            d.TryGetInt64(out _);
            d.TryGetDouble(out _);
            d.TryGetBoolean(out _);
            d.CopyString(_text, 0, _text.Length);
            d.ValueEquals("on");
            d.IdentifierEquals("LightSwitch");
        }

        Oracle.That(n == d.Count, $"Count {d.Count}, iterated {n}");
        Oracle.That(!d.MoveNext() && !d.HasCurrent, "MoveNext after the end");
        d.MoveTo("LightSwitch");
        d.Clear();
    }
}
