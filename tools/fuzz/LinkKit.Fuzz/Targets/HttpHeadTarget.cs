using LinkKit.Nano;
using LinkKit.Nano.Ota;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>HttpHead.Parse</c> of a firmware server's response head (per chunk of a download: no allocation): only its
/// documented results; the body offset and the ETag lie inside the input; a file head (200/206) has a length and an
/// identity encoding; a range's first byte is within its total; no prefix of a complete head is malformed.
/// </summary>
public sealed class HttpHeadTarget : FuzzTarget
{
    private readonly HttpHead _head = new();

    public override void Run(byte[] data)
    {
        byte[] buffer = Input.Framed(data);
        _head.Parse(buffer, Input.Offset, data.Length);              // warm-up
        long before = Oracle.Allocated();
        int rc = _head.Parse(buffer, Input.Offset, data.Length);
        Oracle.NoAllocation("HttpHead.Parse", before);

        Oracle.That(rc >= 0 || rc == ErrorCode.HttpTruncated || rc == ErrorCode.HttpMalformed, $"Parse returned {rc}");
        if (rc < 0) return;
        Oracle.Inside("body start", rc, rc, Input.Offset, data.Length);
        Oracle.That(_head.Status >= 100 && _head.Status <= 599, $"status {_head.Status}");
        if (_head.ETagLength > 0) Oracle.Inside("ETag", _head.ETagAt, _head.ETagAt + _head.ETagLength, Input.Offset, data.Length);
        if (_head.Status is 200 or 206) Oracle.That(_head.ContentLength >= 0 && !_head.Encoded, "a file head without length or with an encoding");
        if (_head.RangeFirst >= 0 && _head.RangeTotal >= 0) Oracle.That(_head.RangeFirst <= _head.RangeTotal, "a range starting past its total");
        for (int cut = 0; cut < rc - Input.Offset; cut += 1 + (rc - Input.Offset) / 32)
        {
            Oracle.That(_head.Parse(buffer, Input.Offset, cut) != ErrorCode.HttpMalformed, $"the first {cut} bytes of a good head are malformed");
        }
    }
}
