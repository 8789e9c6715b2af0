using System;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// Keeps one <see cref="SecretRecord"/> in two slots so that a power cut at any byte of a save leaves either the
    /// previous record or the new one, never nothing and never a mix (layout: <see cref="SecretRecordFormat"/>).
    /// </summary>
    /// <remarks>
    /// A save goes to the slot that does NOT hold the newest valid record, with that record's sequence number + 1,
    /// and is read back before it counts. A load takes the valid record with the newest sequence number (serial
    /// arithmetic, so 0 follows 0xFFFFFFFF). The store owns one <see cref="SecretRecordFormat.MaxLength"/>-byte
    /// buffer; <see cref="Load"/> allocates the record's strings. Not thread-safe: the client calls it from one thread.
    /// </remarks>
    public sealed class SecretStore
    {
        private readonly byte[] _buffer = new byte[SecretRecordFormat.MaxLength];
        private readonly SlotPair _pair;

        /// <summary>Creates a store over <paramref name="slots"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="slots"/> is null.</exception>
        public SecretStore(ISecretSlots slots)
        {
            if (slots == null) throw new ArgumentNullException("slots");
            _pair = new SlotPair(slots, new Layout(), _buffer);
        }

        /// <summary>Fills <paramref name="record"/> with the newest valid stored record.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.NoRecord"/> when both slots are empty or invalid;
        /// <see cref="ErrorCode.StorageFailed"/> when no valid record was found but a slot could not be read — the
        /// device may well be registered, so this must not be taken as "register now" (the platform refuses a second
        /// registration, code 6289). On failure <paramref name="record"/> is left unchanged.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
        public int Load(SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            int read = _pair.LoadNewest();
            if (read < 0) return read;
            return SecretRecordFormat.Decode(_buffer, 0, read, record) == ErrorCode.Ok ? ErrorCode.Ok : ErrorCode.StorageFailed;
        }

        /// <summary>
        /// Stores <paramref name="record"/> as the new newest record and sets its <see cref="SecretRecord.Sequence"/>.
        /// </summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/> when the record exceeds
        /// <see cref="SecretRecordFormat.MaxLength"/> and <see cref="ErrorCode.Malformed"/> when a string holds a lone
        /// surrogate (both: nothing written); <see cref="ErrorCode.StorageFailed"/> when a
        /// slot could not be read (nothing written: the store will not guess which slot is the older) or the write
        /// failed; <see cref="ErrorCode.StorageVerifyFailed"/> when the read-back differs. After any failure the
        /// previous record is still the one <see cref="Load"/> returns.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
        /// <exception cref="ArgumentException">The record is empty.</exception>
        public int Save(SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            if (record.Kind == SecretKind.None) throw new ArgumentException("empty record", "record");

            int target;
            uint sequence;
            if (_pair.PrepareSave(out target, out sequence) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            int length = SecretRecordFormat.Encode(record, sequence, _buffer, 0, _buffer.Length);
            if (length < 0) return length;
            int rc = _pair.Commit(target, length, sequence);
            if (rc == ErrorCode.Ok) record.Sequence = sequence;
            return rc;
        }

        /// <summary>Empties both slots (factory reset: the device must then be provisioned again).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/>.</returns>
        public int Erase()
        {
            return _pair.Erase();
        }

        /// <summary>True when <paramref name="a"/> is newer than <paramref name="b"/> in serial-number arithmetic.</summary>
        public static bool IsNewer(uint a, uint b)
        {
            return SlotPair.IsNewer(a, b);
        }

        private sealed class Layout : IRecordLayout
        {
            public int Validate(byte[] buffer, int offset, int count, out uint sequence)
            {
                return SecretRecordFormat.Validate(buffer, offset, count, out sequence);
            }
        }
    }
}
