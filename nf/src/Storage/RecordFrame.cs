using System;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The frame every durable record of the SDK shares (secret store, OTA state, boot slots): portable
    /// (little-endian, no padding), versioned, self-delimiting and covered end to end by a CRC-32, so a torn or
    /// corrupted write is recognised as such and never read as a mix.
    /// </summary>
    /// <remarks>
    /// <code>
    /// offset  size  field
    ///  0      4     magic, one per record type (e.g. "LKSR" secrets)
    ///  4      1     format version of that record type
    ///  5      1     kind, defined by the record type
    ///  6      2     record length L in bytes, u16 LE, magic to CRC inclusive
    ///  8      4     sequence number, u32 LE (wraps; the newer of two is the one ahead by 1..2^31-1)
    /// 12      ...   the record type's fields
    /// L-4     4     CRC-32 (zlib/IEEE, u32 LE) of bytes [0, L-4)
    /// </code>
    /// Bytes after L (left over from a longer earlier record) are ignored.
    /// </remarks>
    internal static class RecordFrame
    {
        /// <summary>Where a record's fields start.</summary>
        public const int HeaderLength = 12;

        /// <summary>The CRC's bytes at the end of a record.</summary>
        public const int CrcLength = 4;

        /// <summary>Writes magic, version, kind and sequence; <see cref="Seal"/> adds the length and the CRC.</summary>
        public static void WriteHeader(byte[] magic, int version, int kind, uint sequence, byte[] buffer, int offset)
        {
            Array.Copy(magic, 0, buffer, offset, 4);
            buffer[offset + 4] = (byte)version;
            buffer[offset + 5] = (byte)kind;
            WriteUInt32(sequence, buffer, offset + 8);
        }

        /// <summary>Ends the record whose fields end at <paramref name="fieldsEnd"/>: writes its length and CRC.</summary>
        /// <returns>The record length; <see cref="ErrorCode.BufferTooSmall"/> when the CRC does not fit before <paramref name="end"/>.</returns>
        public static int Seal(byte[] buffer, int offset, int fieldsEnd, int end)
        {
            if (end - fieldsEnd < CrcLength) return ErrorCode.BufferTooSmall;
            int length = fieldsEnd + CrcLength - offset;
            buffer[offset + 6] = (byte)length;
            buffer[offset + 7] = (byte)(length >> 8);
            WriteUInt32(Crc32.Compute(buffer, offset, fieldsEnd - offset), buffer, fieldsEnd);
            return length;
        }

        /// <summary>Checks the frame: magic, version, minLength ≤ L ≤ maxLength and ≤ the bytes present, and the CRC.</summary>
        /// <returns>The record length; <see cref="ErrorCode.Malformed"/> when any check fails (sequence is then 0).</returns>
        public static int Check(byte[] magic, int version, int minLength, int maxLength, byte[] buffer, int offset, int count, out uint sequence)
        {
            sequence = 0;
            if (count < minLength) return ErrorCode.Malformed;
            for (int i = 0; i < 4; i++)
            {
                if (buffer[offset + i] != magic[i]) return ErrorCode.Malformed;
            }
            if (buffer[offset + 4] != version) return ErrorCode.Malformed;
            int length = buffer[offset + 6] | (buffer[offset + 7] << 8);
            if (length < minLength || length > maxLength || length > count) return ErrorCode.Malformed;
            int crcAt = offset + length - CrcLength;
            if (Crc32.Compute(buffer, offset, crcAt - offset) != ReadUInt32(buffer, crcAt)) return ErrorCode.Malformed;
            sequence = ReadUInt32(buffer, offset + 8);
            return length;
        }

        public static void WriteUInt32(uint value, byte[] buffer, int p)
        {
            buffer[p] = (byte)value;
            buffer[p + 1] = (byte)(value >> 8);
            buffer[p + 2] = (byte)(value >> 16);
            buffer[p + 3] = (byte)(value >> 24);
        }

        public static uint ReadUInt32(byte[] buffer, int p)
        {
            return (uint)(buffer[p] | (buffer[p + 1] << 8) | (buffer[p + 2] << 16) | (buffer[p + 3] << 24));
        }
    }
}
