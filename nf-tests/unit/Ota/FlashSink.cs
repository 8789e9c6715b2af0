using System;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Storage;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>
    /// A firmware slot in memory with flash semantics: written bytes survive a power cut only once flushed.
    /// </summary>
    public sealed class FlashSink : IFirmwareSink
    {
        private readonly Power _power;
        private byte[] _data = new byte[0];
        private long _durable;

        public FlashSink(Power power)
        {
            _power = power;
        }

        public long Length;
        public bool Completed;
        public int Discards;
        public int Opens;
        public long LastResumeAt = -1;
        public bool FailWrites;

        /// <summary>The cut: what was not flushed is gone.</summary>
        public void PowerCut()
        {
            Length = _durable;
        }

        public byte[] Content()
        {
            byte[] copy = new byte[(int)Length];
            Array.Copy(_data, copy, copy.Length);
            return copy;
        }

        public long Open(int fileIndex, long size, long resumeAt)
        {
            Opens++;
            LastResumeAt = resumeAt;
            if (_power.Dead) return ErrorCode.OtaWriteFailed;
            if (_data.Length != size)
            {
                byte[] resized = new byte[(int)size];
                Array.Copy(_data, resized, (int)(Length < size ? Length : size));
                _data = resized;
            }
            Completed = false;
            long kept = Length >= resumeAt ? resumeAt : 0;
            Length = kept;
            if (_durable > kept) _durable = kept;
            return kept;
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            if (_power.Dead || FailWrites) return ErrorCode.OtaWriteFailed;
            Array.Copy(buffer, offset, _data, (int)Length, count);
            Length += count;
            return ErrorCode.Ok;
        }

        public int Flush()
        {
            if (!_power.Write()) return ErrorCode.OtaWriteFailed;
            _durable = Length;
            return ErrorCode.Ok;
        }

        public int Complete()
        {
            if (Flush() != ErrorCode.Ok) return ErrorCode.OtaWriteFailed;
            Completed = true;
            return ErrorCode.Ok;
        }

        public void Discard()
        {
            Discards++;
            Length = _durable = 0;
        }
    }

    /// <summary>Slots on the same power: a write at the cut is torn after <see cref="TearAt"/> bytes, and the device stops.</summary>
    public sealed class PoweredSlots : ISecretSlots
    {
        private readonly Power _power;
        public readonly FlashModelSlots Flash = new FlashModelSlots();
        public int TearAt;

        public PoweredSlots(Power power)
        {
            _power = power;
        }

        public int Read(int slot, byte[] buffer, int offset, int count)
        {
            return Flash.Read(slot, buffer, offset, count);
        }

        public int Write(int slot, byte[] buffer, int offset, int count)
        {
            if (_power.Dead) return ErrorCode.StorageFailed;
            if (!_power.Write())
            {
                Flash.TearAfter = TearAt < count ? TearAt : count - 1;
                Flash.Write(slot, buffer, offset, count);
                return ErrorCode.StorageFailed;
            }
            return Flash.Write(slot, buffer, offset, count);
        }

        public int Erase(int slot)
        {
            if (_power.Dead) return ErrorCode.StorageFailed;
            return Flash.Erase(slot);
        }
    }
}
