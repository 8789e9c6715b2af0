using System;
using System.Threading;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Storage;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Connections for the durable queue's tests.</summary>
    public static class JournalHarness
    {
        /// <summary>
        /// Connects and waits for ThingEnabled, which the connection thread raises once the kept posts were sent (the
        /// state reads Connected before that).
        /// </summary>
        public static void Connect(LinkKitClient client)
        {
            AutoResetEvent enabled = new AutoResetEvent(false);
            client.ThingEnabled += delegate (LinkKitClient sender) { enabled.Set(); };
            Harness.Connect(client);
            Harness.WaitSignal(enabled, "ThingEnabled");
        }
    }

    /// <summary>
    /// The journal's two files and its marker's two slots in preallocated memory (nothing is allocated after the
    /// constructor, so the allocation test can use it), on one <see cref="Power"/>. A write at the cut is
    /// torn as <see cref="Tear"/> says, then the device is dead. Reads, appends and truncations can also fail on
    /// demand, without a cut (a full or failing file system).
    /// </summary>
    public sealed class JournalFlash : IOfflineJournalFiles
    {
        private readonly Power _power;
        private readonly byte[][] _files;
        private readonly int[] _lengths = new int[2];

        /// <summary>The marker's slots, on the same power.</summary>
        public readonly JournalMarkerSlots Marker;

        /// <summary>
        /// What the write at the cut leaves: 0 nothing (a truncation does not happen); 1 a part (the first 30 bytes of
        /// an append, 12 of a marker write, which then ends there; a truncation happens); 2 every byte, the last one
        /// wrong (half-programmed: only the CRC can tell; a truncation happens).
        /// </summary>
        public int Tear;

        public bool FailReads;
        public bool FailAppends;
        public bool FailTruncates;

        /// <summary>Truncations report success but leave the file as it was (a file system that did not do it).</summary>
        public bool TruncatesLie;
        public int Appends;
        public int Truncates;

        public JournalFlash(Power power, int capacity)
        {
            _power = power;
            _files = new byte[][] { new byte[capacity], new byte[capacity] };
            Marker = new JournalMarkerSlots(this);
        }

        public Power Power
        {
            get { return _power; }
        }

        /// <summary>A new storage object over these files (allocates: call it before measuring).</summary>
        public OfflineJournalStorage Storage()
        {
            return new OfflineJournalStorage(this, Marker);
        }

        public int Length(int file)
        {
            return _lengths[file];
        }

        public byte[] Content(int file)
        {
            byte[] copy = new byte[_lengths[file]];
            Array.Copy(_files[file], copy, copy.Length);
            return copy;
        }

        /// <summary>Flips the bits of one byte of a file.</summary>
        public void Corrupt(int file, int index)
        {
            _files[file][index] ^= 0xFF;
        }

        /// <summary>Adds bytes to a file behind the journal's back (what a torn write leaves).</summary>
        public void AppendRaw(int file, byte[] bytes, int count)
        {
            Array.Copy(bytes, 0, _files[file], _lengths[file], count);
            _lengths[file] += count;
        }

        public int Read(int file, int position, byte[] buffer, int offset, int count)
        {
            CheckFile(file);
            if (FailReads) return ErrorCode.StorageFailed;
            int left = _lengths[file] - position;
            if (left <= 0) return 0;
            int n = left < count ? left : count;
            Array.Copy(_files[file], position, buffer, offset, n);
            return n;
        }

        public int Append(int file, byte[] buffer, int offset, int count)
        {
            CheckFile(file);
            if (_power.Dead || FailAppends) return ErrorCode.StorageFailed;
            if (_lengths[file] + count > _files[file].Length) return ErrorCode.StorageFailed;   // full
            if (!_power.Write())
            {
                int landed = Tear == 0 ? 0 : Tear == 1 ? 30 : count;
                if (landed > count - 1 && Tear != 2) landed = count - 1;
                Array.Copy(buffer, offset, _files[file], _lengths[file], landed);
                if (Tear == 2) _files[file][_lengths[file] + count - 1] ^= 0xFF;
                _lengths[file] += landed;
                return ErrorCode.StorageFailed;
            }

            Appends++;
            Array.Copy(buffer, offset, _files[file], _lengths[file], count);
            _lengths[file] += count;
            return ErrorCode.Ok;
        }

        public int Truncate(int file)
        {
            CheckFile(file);
            if (_power.Dead || FailTruncates) return ErrorCode.StorageFailed;
            if (!_power.Write())
            {
                if (Tear != 0) _lengths[file] = 0;
                return ErrorCode.StorageFailed;
            }

            Truncates++;
            if (!TruncatesLie) _lengths[file] = 0;
            return ErrorCode.Ok;
        }

        private static void CheckFile(int file)
        {
            if (file < 0 || file > 1) throw new ArgumentOutOfRangeException("file");
        }
    }

    /// <summary>The marker's two slots of a <see cref="JournalFlash"/>, preallocated, on its power and tear setting.</summary>
    public sealed class JournalMarkerSlots : ISecretSlots
    {
        private const int SlotBytes = 64;
        private readonly JournalFlash _flash;
        private readonly byte[][] _slots = new byte[][] { new byte[SlotBytes], new byte[SlotBytes] };
        private readonly int[] _lengths = new int[2];

        public bool FailReads;
        public bool FailWrites;
        public int Writes;

        public JournalMarkerSlots(JournalFlash flash)
        {
            _flash = flash;
        }

        public void Corrupt(int slot, int index)
        {
            _slots[slot][index] ^= 0xFF;
        }

        public int Length(int slot)
        {
            return _lengths[slot];
        }

        public int Read(int slot, byte[] buffer, int offset, int count)
        {
            CheckSlot(slot);
            if (FailReads) return ErrorCode.StorageFailed;
            int n = _lengths[slot] < count ? _lengths[slot] : count;
            Array.Copy(_slots[slot], 0, buffer, offset, n);
            return n;
        }

        public int Write(int slot, byte[] buffer, int offset, int count)
        {
            CheckSlot(slot);
            if (count > SlotBytes) throw new ArgumentOutOfRangeException("count");
            if (_flash.Power.Dead || FailWrites) return ErrorCode.StorageFailed;
            if (!_flash.Power.Write())
            {
                int tear = _flash.Tear;
                if (tear == 1)
                {
                    int landed = 12 < count ? 12 : count - 1;
                    Array.Copy(buffer, offset, _slots[slot], 0, landed);
                    _lengths[slot] = landed;
                }
                else if (tear == 2)
                {
                    Array.Copy(buffer, offset, _slots[slot], 0, count);
                    _slots[slot][count - 1] ^= 0xFF;
                    _lengths[slot] = count;
                }

                return ErrorCode.StorageFailed;
            }

            Writes++;
            Array.Copy(buffer, offset, _slots[slot], 0, count);
            _lengths[slot] = count;
            return ErrorCode.Ok;
        }

        public int Erase(int slot)
        {
            CheckSlot(slot);
            if (_flash.Power.Dead || FailWrites) return ErrorCode.StorageFailed;
            _lengths[slot] = 0;
            return ErrorCode.Ok;
        }

        private static void CheckSlot(int slot)
        {
            if (slot < 0 || slot > 1) throw new ArgumentOutOfRangeException("slot");
        }
    }
}
