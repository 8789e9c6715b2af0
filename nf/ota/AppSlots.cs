using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Boot control for the loader pattern (README, "Field updates"): which of the two application slots (A = 0,
    /// B = 1) the loader loads, with what each slot holds (version, size and digest of a verified download). A new
    /// image is installed into the slot that is not active and becomes pending; the next boots try it, counting each
    /// try durably before it is loaded; it becomes active only when <see cref="ConfirmHealthy"/> is called, and
    /// after <see cref="MaxTrialBoots"/> tries without that the previous active slot is loaded again (rollback).
    /// </summary>
    /// <remarks>
    /// <para>The loader's whole use, once per boot: <see cref="BeginBoot"/>; read <see cref="BootSlot"/>'s file and
    /// <see cref="Verify"/> it; on any failure (missing, digest, load) <see cref="Reject"/> and try the new
    /// <see cref="BootSlot"/>; run the app; <see cref="ConfirmHealthy"/> once it works, then report
    /// <see cref="BootVersion"/> (and <see cref="RolledBackVersion"/>, when set, as a failed upgrade). A download goes
    /// into <see cref="InstallSlot"/>; once verified, <see cref="Install(int, OtaJob)"/> and reboot.</para>
    /// <para>The state is one durable record in two slots (<see cref="SlotPair"/>), so a power cut during any save
    /// leaves the previous state or the new one. With no record at all (a board fresh from the factory) slot A is
    /// active and holds whatever image was deployed there, unrecorded: <see cref="IsFactory"/>.</para>
    /// <para>Record: a <see cref="RecordFrame"/> with magic "LKBC", version 1, kind 1, then active slot (1 byte, 0 or
    /// 1), pending slot (1, 0xFF = none), trial boots counted (1), slot whose failure is still to be reported (1,
    /// 0xFF = none), then per slot A and B: state (1: 0 nothing recorded, 1 ready, 2 failed), sign method (1,
    /// <see cref="OtaSignMethod"/>), size (4, u32 LE), digest (32; MD5 uses the first 16), version (u8 length, at most
    /// <see cref="MaxVersionBytes"/> bytes of UTF-8).</para>
    /// <para>Thread-safe: the loader's thread and the download thread (<see cref="Install(int, OtaJob)"/>) may both call it.</para>
    /// </remarks>
    public sealed class AppSlots
    {
        /// <summary>Slot A, also where a factory-deployed image lives.</summary>
        public const int A = 0;

        /// <summary>Slot B.</summary>
        public const int B = 1;

        /// <summary>No slot: nothing to load (run the loader alone), or no slot free for a download.</summary>
        public const int None = -1;

        /// <summary>The default of <see cref="MaxTrialBoots"/>.</summary>
        public const int DefaultMaxTrialBoots = 3;

        /// <summary>The longest version kept, in UTF-8 bytes.</summary>
        public const int MaxVersionBytes = 64;

        private const int Version = 1;
        private const int Kind = 1;
        private const byte NoSlot = 0xFF;
        private const int DigestBytes = 32;
        private const int EntryFixed = 1 + 1 + 4 + DigestBytes + 1;
        private const int MinLength = RecordFrame.HeaderLength + 4 + 2 * EntryFixed + RecordFrame.CrcLength;
        private const int MaxLength = MinLength + 2 * MaxVersionBytes;

        // Slot states in the record.
        private const int Empty = 0;
        private const int Ready = 1;
        private const int Failed = 2;

        private static readonly byte[] s_magic = Utf8.ToArray("LKBC");

        private readonly byte[] _buffer = new byte[MaxLength];
        private readonly SlotPair _pair;
        private readonly object _lock = new object();

        // The durable state, as loaded or about to be saved.
        private int _active, _pending, _trials, _report;
        private readonly int[] _state = new int[2];
        private readonly int[] _signMethod = new int[2];
        private readonly long[] _size = new long[2];
        private readonly byte[][] _digest = new byte[][] { new byte[DigestBytes], new byte[DigestBytes] };
        private readonly byte[][] _version = new byte[][] { new byte[MaxVersionBytes], new byte[MaxVersionBytes] };
        private readonly int[] _versionLength = new int[2];

        // This boot's decision.
        private bool _booted, _known;
        private int _bootSlot = None;
        private bool _trial;
        private int _rejected;                      // bit per slot rejected this boot: never offered again, even if its save failed
        private int _maxTrialBoots = DefaultMaxTrialBoots;

        /// <summary>Boot control kept in <paramref name="recordSlots"/> (two slots of their own, e.g. two files on I:\).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="recordSlots"/> is null.</exception>
        public AppSlots(ISecretSlots recordSlots)
        {
            if (recordSlots == null) throw new ArgumentNullException("recordSlots");
            _pair = new SlotPair(recordSlots, new Layout(), _buffer);
            Reset();
        }

        /// <summary>Boots a pending image may take without <see cref="ConfirmHealthy"/> before it is abandoned (1..255, default 3).</summary>
        public int MaxTrialBoots
        {
            get { return _maxTrialBoots; }
            set
            {
                if (value < 1 || value > 255) throw new ArgumentOutOfRangeException("value");
                _maxTrialBoots = value;
            }
        }

        /// <summary>The slot to load this boot, or <see cref="None"/> (no image that may run: the loader runs alone and waits for an update).</summary>
        public int BootSlot
        {
            get { return _bootSlot; }
        }

        /// <summary>True when <see cref="BootSlot"/> is a new image on trial, not yet confirmed.</summary>
        public bool IsTrial
        {
            get { return _trial; }
        }

        /// <summary>True when <see cref="BootSlot"/> holds an image nothing was recorded for (deployed at the factory): there is no digest to check it against.</summary>
        public bool IsFactory
        {
            get { return _bootSlot != None && _state[_bootSlot] == Empty; }
        }

        /// <summary>How many boots the pending image has been tried, this one included (0 when none is pending).</summary>
        public int TrialBoots
        {
            get { return _pending == NoSlot ? 0 : _trials; }
        }

        /// <summary>The active slot: the confirmed image, and the fallback while another is on trial.</summary>
        public int ActiveSlot
        {
            get { return _active; }
        }

        /// <summary>The slot holding an installed image not yet confirmed, or <see cref="None"/>.</summary>
        public int PendingSlot
        {
            get { return _pending == NoSlot ? None : _pending; }
        }

        /// <summary>
        /// The slot a download may be written to: the one not active. <see cref="None"/> before <see cref="BeginBoot"/>,
        /// when the record could not be read, and during a trial boot (one slot runs on trial, the other is its
        /// fallback: confirm first).
        /// </summary>
        public int InstallSlot
        {
            get { return !_booted || !_known || _trial ? None : 1 - _active; }
        }

        /// <summary>The version in <see cref="BootSlot"/>, or null (none, or a factory image: ask the assembly).</summary>
        public string BootVersion
        {
            get { return _bootSlot == None ? null : GetVersion(_bootSlot); }
        }

        /// <summary>The version that was abandoned (rolled back from, or rejected at boot) and not yet reported:
        /// report it as a failed upgrade; <see cref="ConfirmHealthy"/> forgets it. Null when there is none.</summary>
        public string RolledBackVersion
        {
            get { return _report == NoSlot ? null : GetVersion(_report); }
        }

        /// <summary>The version recorded for <paramref name="slot"/>, or null when nothing is recorded there.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0 or 1.</exception>
        public string GetVersion(int slot)
        {
            CheckSlot(slot);
            lock (_lock) return _state[slot] == Empty ? null : Utf8.GetString(_version[slot], 0, _versionLength[slot]);
        }

        /// <summary>The image size recorded for <paramref name="slot"/>, or -1 when nothing is recorded there.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0 or 1.</exception>
        public long GetSize(int slot)
        {
            CheckSlot(slot);
            lock (_lock) return _state[slot] == Empty ? -1 : _size[slot];
        }

        /// <summary>
        /// Decides what this boot loads. A pending image is tried while it has boots left, and the try is recorded
        /// before this returns (so a crash or hang counts); when it has none left it is abandoned and the active
        /// slot is loaded again (<see cref="RolledBackVersion"/>). Call once, first thing at every start.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/> (also with no record: slot A, factory); <see cref="ErrorCode.StorageFailed"/>
        /// when the record cannot be read (<see cref="BootSlot"/> is then <see cref="None"/>: which image is good is
        /// unknown) or a decision could not be saved (the safe choice stands: the active slot, and a rollback is
        /// repeated at the next boot); <see cref="ErrorCode.StorageVerifyFailed"/> likewise.</returns>
        public int BeginBoot()
        {
            lock (_lock) return Boot();
        }

        private int Boot()
        {
            _booted = true;
            _rejected = 0;
            _trial = false;
            _bootSlot = None;
            int rc = Load();
            _known = rc == ErrorCode.Ok || rc == ErrorCode.NoRecord;
            if (!_known) return rc;
            if (_pending == NoSlot)
            {
                _bootSlot = Runnable(_active);
                return ErrorCode.Ok;
            }
            if (_trials >= _maxTrialBoots)
            {
                Abandon(_pending);
                _bootSlot = Runnable(_active);
                return Save();
            }
            _trials++;
            rc = Save();                                // the try counts before the image runs
            if (rc != ErrorCode.Ok)
            {
                _bootSlot = Runnable(_active);          // an uncounted try could loop for ever: not this boot
                return rc;
            }
            _bootSlot = _pending;
            _trial = true;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// True when <paramref name="count"/> bytes of <paramref name="image"/> are the image recorded for
        /// <paramref name="slot"/>: its size and its digest. A factory image (nothing recorded) passes unchecked; a
        /// slot marked failed never passes. Call it on the bytes about to be loaded.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0 or 1, or the range lies outside <paramref name="image"/>.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
        public bool Verify(int slot, byte[] image, int offset, int count)
        {
            CheckSlot(slot);
            if (image == null) throw new ArgumentNullException("image");
            if (offset < 0 || count < 0 || count > image.Length - offset) throw new ArgumentOutOfRangeException("count");
            lock (_lock) return Matches(slot, image, offset, count);
        }

        private bool Matches(int slot, byte[] image, int offset, int count)
        {
            if (_state[slot] == Failed) return false;
            if (_state[slot] == Empty) return true;
            if (count != _size[slot]) return false;
            HashAlgorithm hash = _signMethod[slot] == OtaSignMethod.Sha256 ? (HashAlgorithm)new Sha256() : new Md5();
            byte[] digest = new byte[DigestBytes];
            int n = hash.ComputeHash(image, offset, count, digest, 0);
            return ByteRanges.Equal(digest, 0, _digest[slot], 0, n);
        }

        /// <summary>
        /// <see cref="BootSlot"/> cannot run (its file is missing, fails <see cref="Verify"/>, or does not load): it is
        /// marked failed, never loaded again until a new install replaces it, and <see cref="BootSlot"/> moves to the
        /// fallback (the active slot; for a broken active slot, the other one if it still holds a ready image), or to
        /// <see cref="None"/>. Call it until an image runs or <see cref="BootSlot"/> is <see cref="None"/>.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; a save failure (<see cref="BootSlot"/> has moved on all the same).</returns>
        public int Reject()
        {
            lock (_lock) return RejectBootSlot();
        }

        private int RejectBootSlot()
        {
            int slot = _bootSlot;
            if (slot == None) return ErrorCode.Ok;
            _trial = false;
            _rejected |= 1 << slot;
            if (slot == _pending)
            {
                Abandon(slot);
                _bootSlot = Runnable(_active);
            }
            else
            {
                int other = 1 - slot;
                bool fallback = _state[other] == Ready && _pending == NoSlot && (_rejected & (1 << other)) == 0;
                if (_state[slot] == Ready) _report = (byte)slot;
                _state[slot] = Failed;
                if (fallback) _active = other;
                _bootSlot = fallback ? other : None;
            }
            return Save();
        }

        /// <summary>
        /// The image this boot loaded works (the loader decides when: e.g. the app says so and the device is
        /// connected). An image on trial becomes the active one, and the previous one stays as the fallback; a
        /// rollback still to be reported is forgotten (report it first). Writes only when something changes.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/> or <see cref="ErrorCode.StorageVerifyFailed"/>
        /// (nothing changed: the trial goes on at the next boot).</returns>
        public int ConfirmHealthy()
        {
            lock (_lock) return Confirm();
        }

        private int Confirm()
        {
            if (!_known) return ErrorCode.StorageFailed;
            // Only the image this boot tried: an install since then (trials back at 0) has not run yet.
            bool confirm = _trial && _pending == _bootSlot && _trials > 0;
            if (!confirm && _report == NoSlot) return ErrorCode.Ok;
            if (confirm)
            {
                _active = _pending;
                _pending = NoSlot;
                _trials = 0;
            }
            _report = NoSlot;
            int rc = Save();
            if (rc == ErrorCode.Ok) _trial = false;
            return rc;
        }

        /// <summary>
        /// Records a verified download of <paramref name="job"/> (a single-file firmware; <see cref="OtaAgent.DownloadCompleted"/>
        /// with <see cref="ErrorCode.Ok"/>) as the image in <paramref name="slot"/> and makes it pending: the next boot
        /// tries it. Reboot afterwards.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OutOfRange"/> for a job of several files;
        /// <see cref="ErrorCode.BufferTooSmall"/> for a version over <see cref="MaxVersionBytes"/> bytes; a save failure
        /// (nothing changed).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
        /// <exception cref="InvalidOperationException"><paramref name="slot"/> is not <see cref="InstallSlot"/>.</exception>
        public int Install(int slot, OtaJob job)
        {
            if (job == null) throw new ArgumentNullException("job");
            lock (_lock)
            {
                CheckInstallSlot(slot);
                if (job.FileCount != 1 || job.DigestLength == 0) return ErrorCode.OutOfRange;
                return Install(slot, job._text, job._versionAt, job._versionLength, job._size[0], job._signMethod, job._digest[0]);
            }
        }

        /// <summary>Records a verified image of <paramref name="size"/> bytes in <paramref name="slot"/> and makes it pending
        /// (for images that did not come through an <see cref="OtaJob"/>).</summary>
        /// <param name="slot"><see cref="InstallSlot"/>.</param>
        /// <param name="version">The version it reports once confirmed.</param>
        /// <param name="size">Its size in bytes (1 to 2^32 - 1).</param>
        /// <param name="signMethod"><see cref="OtaSignMethod.Md5"/> or <see cref="OtaSignMethod.Sha256"/>.</param>
        /// <param name="digest">Its digest (16 or 32 bytes from index 0).</param>
        /// <returns>As <see cref="Install(int, OtaJob)"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="version"/> or <paramref name="digest"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size, sign method or digest length out of range.</exception>
        /// <exception cref="InvalidOperationException"><paramref name="slot"/> is not <see cref="InstallSlot"/>.</exception>
        public int Install(int slot, string version, long size, int signMethod, byte[] digest)
        {
            if (version == null) throw new ArgumentNullException("version");
            if (digest == null) throw new ArgumentNullException("digest");
            if (signMethod != OtaSignMethod.Md5 && signMethod != OtaSignMethod.Sha256) throw new ArgumentOutOfRangeException("signMethod");
            if (digest.Length < (signMethod == OtaSignMethod.Md5 ? 16 : 32)) throw new ArgumentOutOfRangeException("digest");
            byte[] text = Utf8.ToArray(version);
            lock (_lock)
            {
                CheckInstallSlot(slot);
                return Install(slot, text, 0, text.Length, size, signMethod, digest);
            }
        }

        private int Install(int slot, byte[] text, int at, int length, long size, int signMethod, byte[] digest)
        {
            if (size < 1 || size > uint.MaxValue) throw new ArgumentOutOfRangeException("size");
            if (length > MaxVersionBytes) return ErrorCode.BufferTooSmall;
            _state[slot] = Ready;
            _signMethod[slot] = signMethod;
            _size[slot] = size;
            Array.Clear(_digest[slot], 0, DigestBytes);
            Array.Copy(digest, 0, _digest[slot], 0, signMethod == OtaSignMethod.Md5 ? 16 : 32);
            Array.Copy(text, at, _version[slot], 0, length);
            _versionLength[slot] = length;
            _pending = slot;
            _trials = 0;
            if (_report == slot) _report = NoSlot;
            return Save();
        }

        private void CheckInstallSlot(int slot)
        {
            CheckSlot(slot);
            if (slot != InstallSlot) throw new InvalidOperationException("slot " + slot + " is not the install slot (the active image, or a trial is running)");
        }

        private static void CheckSlot(int slot)
        {
            if (slot != A && slot != B) throw new ArgumentOutOfRangeException("slot");
        }

        // The pending image did not prove itself: never again, and say so once.
        private void Abandon(int slot)
        {
            _state[slot] = Failed;
            _report = slot;
            _pending = NoSlot;
            _trials = 0;
        }

        private int Runnable(int slot)
        {
            return _state[slot] == Failed || (_rejected & (1 << slot)) != 0 ? None : slot;
        }

        // The defaults a board fresh from the factory has: slot A active, nothing recorded.
        private void Reset()
        {
            _active = A;
            _pending = NoSlot;
            _trials = 0;
            _report = NoSlot;
            for (int slot = 0; slot < 2; slot++)
            {
                _state[slot] = Empty;
                _signMethod[slot] = OtaSignMethod.None;
                _size[slot] = 0;
                _versionLength[slot] = 0;
            }
        }

        private int Load()
        {
            int length = _pair.LoadNewest();
            Reset();
            if (length < 0) return length;
            int p = RecordFrame.HeaderLength;
            _active = _buffer[p];
            _pending = _buffer[p + 1];
            _trials = _buffer[p + 2];
            _report = _buffer[p + 3];
            p += 4;
            for (int slot = 0; slot < 2; slot++)
            {
                _state[slot] = _buffer[p];
                _signMethod[slot] = _buffer[p + 1];
                _size[slot] = RecordFrame.ReadUInt32(_buffer, p + 2);
                Array.Copy(_buffer, p + 6, _digest[slot], 0, DigestBytes);
                _versionLength[slot] = _buffer[p + 6 + DigestBytes];
                Array.Copy(_buffer, p + EntryFixed, _version[slot], 0, _versionLength[slot]);
                p += EntryFixed + _versionLength[slot];
            }
            return ErrorCode.Ok;
        }

        // Saves the state; when that fails, the durable state is read back so memory never runs ahead of the flash.
        private int Save()
        {
            int target;
            uint sequence;
            int rc = _pair.PrepareSave(out target, out sequence);
            if (rc == ErrorCode.Ok)
            {
                RecordFrame.WriteHeader(s_magic, Version, Kind, sequence, _buffer, 0);
                int p = RecordFrame.HeaderLength;
                _buffer[p] = (byte)_active;
                _buffer[p + 1] = (byte)_pending;
                _buffer[p + 2] = (byte)_trials;
                _buffer[p + 3] = (byte)_report;
                p += 4;
                for (int slot = 0; slot < 2; slot++)
                {
                    _buffer[p] = (byte)_state[slot];
                    _buffer[p + 1] = (byte)_signMethod[slot];
                    RecordFrame.WriteUInt32((uint)_size[slot], _buffer, p + 2);
                    Array.Copy(_digest[slot], 0, _buffer, p + 6, DigestBytes);
                    _buffer[p + 6 + DigestBytes] = (byte)_versionLength[slot];
                    Array.Copy(_version[slot], 0, _buffer, p + EntryFixed, _versionLength[slot]);
                    p += EntryFixed + _versionLength[slot];
                }
                int length = RecordFrame.Seal(_buffer, 0, p, _buffer.Length);
                rc = _pair.Commit(target, length, sequence);
                if (rc == ErrorCode.Ok) return rc;
            }
            else
            {
                rc = ErrorCode.StorageFailed;
            }
            int reloaded = Load();
            if (reloaded != ErrorCode.Ok && reloaded != ErrorCode.NoRecord) _known = false;
            return rc;
        }

        // A valid frame whose fields agree with each other: slots in range, a pending slot holding a ready image,
        // two entries ending exactly at the CRC.
        private sealed class Layout : IRecordLayout
        {
            public int Validate(byte[] buffer, int offset, int count, out uint sequence)
            {
                int length = RecordFrame.Check(s_magic, Version, MinLength, MaxLength, buffer, offset, count, out sequence);
                if (length < 0) return length;
                int p = offset + RecordFrame.HeaderLength;
                int active = buffer[p], pending = buffer[p + 1], report = buffer[p + 3];
                bool valid = buffer[offset + 5] == Kind && active <= B && (pending == NoSlot || (pending <= B && pending != active))
                    && (report == NoSlot || report <= B);
                p += 4;
                for (int slot = 0; slot < 2 && valid; slot++)
                {
                    int state = buffer[p], signMethod = buffer[p + 1], versionLength = buffer[p + 6 + DigestBytes];
                    valid = state <= Failed && versionLength <= MaxVersionBytes
                        && (state != Ready || signMethod == OtaSignMethod.Md5 || signMethod == OtaSignMethod.Sha256)
                        && (slot != pending || state == Ready);
                    p += EntryFixed + versionLength;
                }
                if (valid && p == offset + length - RecordFrame.CrcLength) return length;
                sequence = 0;
                return ErrorCode.Malformed;
            }
        }
    }
}
