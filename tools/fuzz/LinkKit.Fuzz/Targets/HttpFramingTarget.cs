using LinkKit.Nano;
using LinkKit.Nano.Identity;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>HttpResponseFraming.Frame</c> of a registration response, with the peer open and closed (setup time: allocation
/// is fine). A framed body lies inside the response, the status is 100-599, a response complete while the peer is open
/// is the same response once it has closed, and no prefix of a complete response frames as malformed.
/// </summary>
public sealed class HttpFramingTarget : FuzzTarget
{
    public override void Run(byte[] data)
    {
        int open = Frame(data, data.Length, false, out int openStatus, out byte[] openBody);
        int closed = Frame(data, data.Length, true, out int closedStatus, out byte[] closedBody);
        Oracle.That(open != ErrorCode.Ok || (closed == ErrorCode.Ok && openStatus == closedStatus && openBody.AsSpan().SequenceEqual(closedBody)),
            "a response complete while the peer is open frames differently once it has closed");
        Oracle.That(closed != ErrorCode.HttpTruncated || open == ErrorCode.HttpTruncated, "truncated once closed but not while open");
        if (open == ErrorCode.Ok || open == ErrorCode.HttpTruncated)
        {
            // A response arrives in pieces: while it is still coming, no piece of it may be refused as malformed.
            for (int cut = 0; cut < data.Length; cut += 1 + data.Length / 64)
            {
                int rc = Frame(data, cut, false, out _, out _);
                Oracle.That(rc != ErrorCode.HttpMalformed, $"the first {cut} bytes of a good response frame as malformed");
            }
        }
    }

    /// <summary>Frames data[0, count) in a fresh buffer (a chunked body is joined in place); the body's bytes on Ok.</summary>
    private static int Frame(byte[] data, int count, bool endOfStream, out int status, out byte[] body)
    {
        byte[] buffer = Input.Framed(data.AsSpan(0, count).ToArray());
        int rc = HttpResponseFraming.Frame(buffer, Input.Offset, count, endOfStream, out status, out int bodyOffset, out int bodyLength);
        body = [];
        Oracle.That(rc is ErrorCode.Ok or ErrorCode.HttpTruncated or ErrorCode.HttpMalformed, $"Frame returned {rc}");
        Oracle.That(status == 0 || (status >= 100 && status <= 599), $"status {status}");
        if (rc != ErrorCode.Ok) return rc;
        Oracle.That(status != 0, "a framed response without a status");
        Oracle.Inside("body", bodyOffset, bodyOffset + bodyLength, Input.Offset, count);
        body = buffer.AsSpan(bodyOffset, bodyLength).ToArray();
        return rc;
    }
}
