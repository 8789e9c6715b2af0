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
        private const int SlotCount = 2;

        private readonly ISecretSlots _slots;
        private readonly byte[] _buffer = new byte[SecretRecordFormat.MaxLength];

        /// <summary>Creates a store over <paramref name="slots"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="slots"/> is null.</exception>
        public SecretStore(ISecretSlots slots)
        {
            if (slots == null) throw new ArgumentNullException("slots");
            _slots = slots;
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
            uint sequence;
            bool readFailed;
            int slot = FindNewest(out sequence, out readFailed);
            if (slot < 0) return readFailed ? ErrorCode.StorageFailed : ErrorCode.NoRecord;

            int read = _slots.Read(slot, _buffer, 0, _buffer.Length);
            if (read < 0) return ErrorCode.StorageFailed;
            // The slot changed between the scan and this read only if something else writes it: report, don't guess.
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

            uint newest;
            bool readFailed;
            int newestSlot = FindNewest(out newest, out readFailed);
            if (readFailed) return ErrorCode.StorageFailed;
            int target = newestSlot == 0 ? 1 : 0;
            uint sequence = newestSlot < 0 ? 1u : newest + 1;

            int length = SecretRecordFormat.Encode(record, sequence, _buffer, 0, _buffer.Length);
            if (length < 0) return length;
            if (_slots.Write(target, _buffer, 0, length) != ErrorCode.Ok) return ErrorCode.StorageFailed;

            // Read back: the CRC field of what was written must come back inside a valid record of the same length
            // and sequence (the CRC covers every other byte, so this is a byte-for-byte comparison in effect).
            uint writtenCrc = ReadCrc(length);
            int read = _slots.Read(target, _buffer, 0, _buffer.Length);
            if (read < 0) return ErrorCode.StorageFailed;
            uint readSequence;
            if (SecretRecordFormat.Validate(_buffer, 0, read, out readSequence) != length
                || readSequence != sequence
                || ReadCrc(length) != writtenCrc)
            {
                return ErrorCode.StorageVerifyFailed;
            }
            record.Sequence = sequence;
            return ErrorCode.Ok;
        }

        /// <summary>Empties both slots (factory reset: the device must then be provisioned again).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/>.</returns>
        public int Erase()
        {
            int rc = ErrorCode.Ok;
            for (int slot = 0; slot < SlotCount; slot++)
            {
                if (_slots.Erase(slot) != ErrorCode.Ok) rc = ErrorCode.StorageFailed;
            }
            return rc;
        }

        /// <summary>True when <paramref name="a"/> is newer than <paramref name="b"/> in serial-number arithmetic.</summary>
        public static bool IsNewer(uint a, uint b)
        {
            return (int)(a - b) > 0;
        }

        // The slot holding the newest valid record, or -1; readFailed tells whether any slot read failed.
        private int FindNewest(out uint newest, out bool readFailed)
        {
            newest = 0;
            readFailed = false;
            int found = -1;
            for (int slot = 0; slot < SlotCount; slot++)
            {
                int read = _slots.Read(slot, _buffer, 0, _buffer.Length);
                if (read < 0)
                {
                    readFailed = true;
                    continue;
                }
                uint sequence;
                if (SecretRecordFormat.Validate(_buffer, 0, read, out sequence) < 0) continue;
                if (found < 0 || IsNewer(sequence, newest))
                {
                    found = slot;
                    newest = sequence;
                }
            }
            return found;
        }

        private uint ReadCrc(int length)
        {
            int p = length - 4;
            return (uint)(_buffer[p] | (_buffer[p + 1] << 8) | (_buffer[p + 2] << 16) | (_buffer[p + 3] << 24));
        }
    }
}
