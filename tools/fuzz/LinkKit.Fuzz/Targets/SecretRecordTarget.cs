using LinkKit.Nano;
using LinkKit.Nano.Storage;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>SecretRecordFormat.Validate</c>/<c>Decode</c> of a secret-store slot read from flash (boot time), on the bytes as
/// they are and with the CRC made right, so the fuzzer reaches the field checks behind it. A valid record lies inside
/// the slot, and encoding what was decoded gives back the same bytes.
/// </summary>
public sealed class SecretRecordTarget : FuzzTarget
{
    private readonly SecretRecord _record = new();
    private readonly byte[] _encoded = new byte[SecretRecordFormat.MaxLength];

    public override void Run(byte[] data)
    {
        Check(Input.Framed(data), data.Length);
        byte[] fixedCrc = Input.Framed(data);
        if (data.Length >= 12)
        {
            int length = data[6] | (data[7] << 8);
            if (length >= 8 && length <= data.Length)
            {
                uint crc = Crc32.Compute(fixedCrc, Input.Offset, length - 4);
                for (int i = 0; i < 4; i++) fixedCrc[Input.Offset + length - 4 + i] = (byte)(crc >> (8 * i));
            }
        }

        Check(fixedCrc, data.Length);
    }

    private void Check(byte[] slot, int count)
    {
        int length = SecretRecordFormat.Validate(slot, Input.Offset, count, out uint sequence);
        if (length < 0)
        {
            Oracle.That(length == ErrorCode.Malformed && sequence == 0, $"Validate returned {length} with sequence {sequence}");
            Oracle.That(SecretRecordFormat.Decode(slot, Input.Offset, count, _record) == ErrorCode.Malformed, "Decode accepts what Validate refuses");
            return;
        }

        Oracle.Inside("record", Input.Offset, Input.Offset + length, Input.Offset, count);
        if (SecretRecordFormat.Decode(slot, Input.Offset, count, _record) != ErrorCode.Ok) return;   // fields that are not UTF-8
        Oracle.That(_record.Sequence == sequence, "Decode and Validate read different sequences");
        int written = SecretRecordFormat.Encode(_record, sequence, _encoded, 0, _encoded.Length);
        Oracle.That(written == length && _encoded.AsSpan(0, written).SequenceEqual(slot.AsSpan(Input.Offset, length)),
            $"the decoded record encodes to other bytes ({written} of {length})");
    }
}
