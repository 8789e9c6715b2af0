using System;
using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Tests.Storage
{
    /// <summary>How the bytes of a torn write after the tear point end up (the device lost power mid-write).</summary>
    public enum TearModel
    {
        /// <summary>Raw flash: the bytes after the tear keep the slot's previous content.</summary>
        KeepOld = 0,

        /// <summary>The rest of the write's range is garbage (half-programmed cells).</summary>
        Garbage = 1,

        /// <summary>A file truncated on open: the slot ends at the tear point.</summary>
        Truncate = 2,
    }

    /// <summary>
    /// In-memory slots for <see cref="SecretStore"/> tests: can tear the next write after any number of bytes (as a
    /// power cut would), fail reads or writes of one slot, and expose the raw slot bytes for corruption.
    /// </summary>
    public sealed class FlashModelSlots : ISecretSlots
    {
        private readonly byte[][] _content = new byte[][] { new byte[0], new byte[0] };

        /// <summary>Bytes of the next write that reach the slot before the power cut; -1 = no tear. Reset by the tear.</summary>
        public int TearAfter = -1;

        /// <summary>What the torn write leaves after the tear point.</summary>
        public TearModel Model = TearModel.KeepOld;

        /// <summary>The slot whose reads fail (-1 = none).</summary>
        public int FailReadSlot = -1;

        /// <summary>The slot whose writes fail (-1 = none).</summary>
        public int FailWriteSlot = -1;

        /// <summary>Number of Write calls that reached a slot (torn or not).</summary>
        public int Writes;

        /// <summary>The slot the last Write call targeted (-1 before any).</summary>
        public int LastWriteSlot = -1;

        /// <summary>The raw bytes of a slot (a copy).</summary>
        public byte[] GetContent(int slot)
        {
            byte[] copy = new byte[_content[slot].Length];
            Array.Copy(_content[slot], copy, copy.Length);
            return copy;
        }

        /// <summary>Replaces the raw bytes of a slot (planting records or garbage).</summary>
        public void SetContent(int slot, byte[] content)
        {
            byte[] copy = new byte[content.Length];
            Array.Copy(content, copy, copy.Length);
            _content[slot] = copy;
        }

        /// <summary>Flips the bits of one byte of a slot.</summary>
        public void Corrupt(int slot, int index)
        {
            _content[slot][index] ^= 0xFF;
        }

        public int Read(int slot, byte[] buffer, int offset, int count)
        {
            CheckSlot(slot);
            if (slot == FailReadSlot) return ErrorCode.StorageFailed;
            byte[] content = _content[slot];
            int n = content.Length < count ? content.Length : count;
            Array.Copy(content, 0, buffer, offset, n);
            return n;
        }

        public int Write(int slot, byte[] buffer, int offset, int count)
        {
            CheckSlot(slot);
            if (slot == FailWriteSlot) return ErrorCode.StorageFailed;
            Writes++;
            LastWriteSlot = slot;
            if (TearAfter < 0 || TearAfter >= count)
            {
                byte[] whole = new byte[count];
                Array.Copy(buffer, offset, whole, 0, count);
                _content[slot] = whole;
                TearAfter = -1;
                return ErrorCode.Ok;
            }

            int written = TearAfter;
            TearAfter = -1;
            byte[] old = _content[slot];
            byte[] torn;
            if (Model == TearModel.Truncate)
            {
                torn = new byte[written];
            }
            else
            {
                torn = new byte[old.Length > count ? old.Length : count];
                Array.Copy(old, torn, old.Length);
                if (Model == TearModel.Garbage)
                {
                    uint x = (uint)(written * 2654435761u) | 1u;
                    for (int i = written; i < count; i++)
                    {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        torn[i] = (byte)x;
                    }
                }
                else if (old.Length < count)
                {
                    // Past the old content's end raw flash reads as erased.
                    for (int i = old.Length; i < count; i++) torn[i] = 0xFF;
                }
            }
            Array.Copy(buffer, offset, torn, 0, written);
            _content[slot] = torn;
            // The device is dead at this point; the store's read-back sees what the flash holds.
            return ErrorCode.Ok;
        }

        public int Erase(int slot)
        {
            CheckSlot(slot);
            if (slot == FailWriteSlot) return ErrorCode.StorageFailed;
            _content[slot] = new byte[0];
            return ErrorCode.Ok;
        }

        private static void CheckSlot(int slot)
        {
            if (slot < 0 || slot > 1) throw new ArgumentOutOfRangeException("slot");
        }
    }
}
