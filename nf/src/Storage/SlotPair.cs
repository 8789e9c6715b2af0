namespace LinkKit.Nano.Storage
{
    /// <summary>Recognises one record type in a slot's bytes.</summary>
    internal interface IRecordLayout
    {
        /// <summary>The length of the valid record at buffer[offset..], and its sequence number.</summary>
        /// <returns>The record length; a negative <see cref="ErrorCode"/> when no valid record is there.</returns>
        int Validate(byte[] buffer, int offset, int count, out uint sequence);
    }

    /// <summary>
    /// The two-slot discipline of every durable store (secrets, OTA state, boot slots): a power cut at any byte of a
    /// save leaves either the previous record or the new one, never nothing and never a mix.
    /// </summary>
    /// <remarks>
    /// A save goes to the slot that does NOT hold the newest valid record, with that record's sequence number + 1,
    /// and is read back before it counts (records end in a <see cref="RecordFrame"/> CRC, which the read-back
    /// compares: in effect a byte-for-byte comparison). A load takes the valid record with the newest sequence
    /// number (serial arithmetic, so 0 follows 0xFFFFFFFF). One buffer, the store's, holds the record in between.
    /// Not thread-safe.
    /// </remarks>
    internal sealed class SlotPair
    {
        private const int SlotCount = 2;

        private readonly ISecretSlots _slots;
        private readonly IRecordLayout _layout;
        private readonly byte[] _buffer;

        public SlotPair(ISecretSlots slots, IRecordLayout layout, byte[] buffer)
        {
            _slots = slots;
            _layout = layout;
            _buffer = buffer;
        }

        /// <summary>Reads the newest valid record into the buffer, from its start.</summary>
        /// <returns>
        /// Its length; <see cref="ErrorCode.NoRecord"/> when both slots are empty or invalid;
        /// <see cref="ErrorCode.StorageFailed"/> when no valid record was found but a slot could not be read (a record
        /// may well exist: the caller must not act as if there were none).
        /// </returns>
        public int LoadNewest()
        {
            uint sequence;
            bool readFailed;
            int slot = FindNewest(out sequence, out readFailed);
            if (slot < 0) return readFailed ? ErrorCode.StorageFailed : ErrorCode.NoRecord;
            int read = _slots.Read(slot, _buffer, 0, _buffer.Length);
            if (read < 0) return ErrorCode.StorageFailed;
            // The slot changed between the scan and this read only if something else writes it: report, don't guess.
            uint again;
            return _layout.Validate(_buffer, 0, read, out again) > 0 && again == sequence ? read : ErrorCode.StorageFailed;
        }

        /// <summary>Where the next save goes and with which sequence number.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/> when a slot could not be read (the
        /// store will not guess which slot is the older).</returns>
        public int PrepareSave(out int target, out uint sequence)
        {
            uint newest;
            bool readFailed;
            int newestSlot = FindNewest(out newest, out readFailed);
            target = newestSlot == 0 ? 1 : 0;
            sequence = newestSlot < 0 ? 1u : newest + 1;
            return readFailed ? ErrorCode.StorageFailed : ErrorCode.Ok;
        }

        /// <summary>Writes the buffer's first <paramref name="length"/> bytes (a record with <paramref name="sequence"/>) to
        /// <paramref name="target"/> and reads it back.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/>; <see cref="ErrorCode.StorageVerifyFailed"/>
        /// when the read-back differs. After any failure the previous record is still the newest.</returns>
        public int Commit(int target, int length, uint sequence)
        {
            if (_slots.Write(target, _buffer, 0, length) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            uint writtenCrc = RecordFrame.ReadUInt32(_buffer, length - RecordFrame.CrcLength);
            int read = _slots.Read(target, _buffer, 0, _buffer.Length);
            if (read < 0) return ErrorCode.StorageFailed;
            uint readSequence;
            if (_layout.Validate(_buffer, 0, read, out readSequence) != length
                || readSequence != sequence
                || RecordFrame.ReadUInt32(_buffer, length - RecordFrame.CrcLength) != writtenCrc)
            {
                return ErrorCode.StorageVerifyFailed;
            }
            return ErrorCode.Ok;
        }

        /// <summary>Empties both slots.</summary>
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
                if (_layout.Validate(_buffer, 0, read, out sequence) < 0) continue;
                if (found < 0 || IsNewer(sequence, newest))
                {
                    found = slot;
                    newest = sequence;
                }
            }
            return found;
        }
    }
}
