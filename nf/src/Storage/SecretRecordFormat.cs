using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The byte layout of one secret-store slot: a <see cref="RecordFrame"/> with magic "LKSR", format version 1, kind
    /// 1 = device secret or 2 = device token (regnwl) (<see cref="SecretKind"/>), 25 ≤ L ≤ 1024, and as fields UTF-8
    /// strings, each a u16 LE byte count followed by that many bytes, none empty:
    /// kind 1: productKey, deviceName, deviceSecret; kind 2: productKey, deviceName, clientId, username, deviceToken.
    /// </summary>
    /// <remarks>
    /// A record is valid only if every check holds: the frame's (magic, version, length, CRC), the kind, and fields
    /// ending exactly at L-4, none empty, each well-formed UTF-8 (a string the record could have been encoded from).
    /// </remarks>
    internal static class SecretRecordFormat
    {
        /// <summary>The format version written and accepted.</summary>
        public const int Version = 1;

        /// <summary>The largest record (and slot content) in bytes.</summary>
        public const int MaxLength = 1024;

        // Header, CRC and three one-byte fields with their prefixes: the smallest well-formed record.
        private const int MinLength = RecordFrame.HeaderLength + 3 * 3 + RecordFrame.CrcLength;

        private static readonly byte[] s_magic = Utf8.ToArray("LKSR");   // not an array initializer: ~80 bytes less .pe

        /// <summary>Writes <paramref name="record"/> with <paramref name="sequence"/> in the layout above.</summary>
        /// <returns>The record length; <see cref="ErrorCode.BufferTooSmall"/> when it exceeds <paramref name="count"/> or
        /// <see cref="MaxLength"/>; <see cref="ErrorCode.Malformed"/> when a string holds a lone surrogate. On failure the
        /// range may hold a partial record, which has no valid CRC; nothing is written outside the range.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        /// <exception cref="ArgumentException">The record is empty (kind <see cref="SecretKind.None"/>).</exception>
        public static int Encode(SecretRecord record, uint sequence, byte[] buffer, int offset, int count)
        {
            if (record == null) throw new ArgumentNullException("record");
            CheckRange(buffer, offset, count);
            if (record.Kind == SecretKind.None) throw new ArgumentException("empty record", "record");

            int end = offset + (count < MaxLength ? count : MaxLength);
            if (end - offset < RecordFrame.HeaderLength) return ErrorCode.BufferTooSmall;
            RecordFrame.WriteHeader(s_magic, Version, (int)record.Kind, sequence, buffer, offset);

            int p = offset + RecordFrame.HeaderLength;
            p = WriteField(record.ProductKey, buffer, p, end);
            p = WriteField(record.DeviceName, buffer, p, end);
            if (record.Kind == SecretKind.DeviceSecret)
            {
                p = WriteField(record.DeviceSecret, buffer, p, end);
            }
            else
            {
                p = WriteField(record.ClientId, buffer, p, end);
                p = WriteField(record.Username, buffer, p, end);
                p = WriteField(record.DeviceToken, buffer, p, end);
            }
            if (p < 0) return p;
            return RecordFrame.Seal(buffer, offset, p, end);
        }

        /// <summary>Checks that the bytes hold a valid record and reads its sequence number.</summary>
        /// <returns>The record length; <see cref="ErrorCode.Malformed"/> when any check fails (sequence is then 0).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static int Validate(byte[] buffer, int offset, int count, out uint sequence)
        {
            CheckRange(buffer, offset, count);
            int length = RecordFrame.Check(s_magic, Version, MinLength, MaxLength, buffer, offset, count, out sequence);
            if (length < 0) return length;
            int fields = FieldCount((SecretKind)buffer[offset + 5]);
            if (fields == 0) return Malformed(out sequence);

            int crcAt = offset + length - RecordFrame.CrcLength;
            int p = offset + RecordFrame.HeaderLength;
            for (int f = 0; f < fields; f++)
            {
                if (crcAt - p < 2) return Malformed(out sequence);
                int n = buffer[p] | (buffer[p + 1] << 8);
                p += 2;
                if (n == 0 || n > crcAt - p || !Utf8.IsWellFormed(buffer, p, n)) return Malformed(out sequence);
                p += n;
            }
            return p == crcAt ? length : Malformed(out sequence);
        }

        private static int Malformed(out uint sequence)
        {
            sequence = 0;
            return ErrorCode.Malformed;
        }

        /// <summary>Validates the bytes and, if they hold a record, fills <paramref name="record"/> from them.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> (the record is then left unchanged).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> or <paramref name="record"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static int Decode(byte[] buffer, int offset, int count, SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            uint sequence;
            int length = Validate(buffer, offset, count, out sequence);
            if (length < 0) return length;

            SecretKind kind = (SecretKind)buffer[offset + 5];
            int fields = FieldCount(kind);
            // Field order as in the layout; unused entries stay null. Validate has checked that each is UTF-8.
            string[] values = new string[5];
            int p = offset + RecordFrame.HeaderLength;
            for (int f = 0; f < fields; f++)
            {
                int n = buffer[p] | (buffer[p + 1] << 8);
                values[f] = Utf8.GetString(buffer, p + 2, n);
                p += 2 + n;
            }
            record.SetLoaded(kind, sequence, values[0], values[1], values[2], values[3], values[4]);
            return ErrorCode.Ok;
        }

        private static int FieldCount(SecretKind kind)
        {
            if (kind == SecretKind.DeviceSecret) return 3;
            if (kind == SecretKind.DeviceToken) return 5;
            return 0;
        }

        // Returns the position after the field, or the (negative) error once anything failed.
        private static int WriteField(string value, byte[] buffer, int p, int end)
        {
            if (p < 0) return p;
            if (end - p < 2) return ErrorCode.BufferTooSmall;
            int n = Utf8.Encode(value, buffer, p + 2, end - p - 2);
            if (n < 0) return n;
            buffer[p] = (byte)n;
            buffer[p + 1] = (byte)(n >> 8);
            return p + 2 + n;
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count");
        }
    }
}
