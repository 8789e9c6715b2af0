using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Where a download stands, kept durable so that a reboot or a power cut resumes it with <c>Range</c> instead of
    /// starting again: which job and file, how many bytes the sink holds for sure, the server's ETag, and the digest
    /// state over those bytes (so nothing is hashed twice). Two slots (<see cref="SlotPair"/>): a cut during a save
    /// leaves the previous position, never a wrong one.
    /// </summary>
    /// <remarks>
    /// Layout: a <see cref="RecordFrame"/> with magic "LKOT", version 1, kind 1, then: file index (1 byte), file size
    /// (8), offset (8), sign method (1), the expected digest (32), and as u8-length-prefixed byte strings the job's
    /// version, module, the ETag and the digest state (<see cref="HashAlgorithm.ExportState"/>). The job is known by
    /// version, module, file index, size and expected digest — not by URL, which the cloud re-signs for every offer.
    /// </remarks>
    internal sealed class OtaResumeStore
    {
        public const int MaxText = 128;
        private const int Version = 1;
        private const int Kind = 1;
        private const int MaxLength = RecordFrame.HeaderLength + 1 + 8 + 8 + 1 + 32 + 4 * (1 + MaxText) + RecordFrame.CrcLength;
        private const int MinLength = RecordFrame.HeaderLength + 1 + 8 + 8 + 1 + 32 + 4 + RecordFrame.CrcLength;

        private static readonly byte[] s_magic = Utf8.ToArray("LKOT");

        private readonly byte[] _buffer = new byte[MaxLength];
        private readonly SlotPair _pair;

        // The loaded or to-be-saved position.
        public int FileIndex;
        public long Size;
        public long Offset;
        public int SignMethod;
        public readonly byte[] Digest = new byte[32];
        public readonly byte[] JobVersion = new byte[MaxText];
        public int JobVersionLength;
        public readonly byte[] Module = new byte[MaxText];
        public int ModuleLength;
        public readonly byte[] ETag = new byte[MaxText];
        public int ETagLength;
        public readonly byte[] HashState = new byte[MaxText];
        public int HashStateLength;

        public OtaResumeStore(ISecretSlots slots)
        {
            _pair = new SlotPair(slots, new Layout(), _buffer);
        }

        /// <summary>True when the loaded position is for file <paramref name="fileIndex"/> of <paramref name="job"/>.</summary>
        public bool IsFor(OtaJob job, int fileIndex)
        {
            return FileIndex == fileIndex && Size == job._size[fileIndex] && SignMethod == job._signMethod
                && ByteRanges.Equal(Digest, 0, job._digest[fileIndex], 0, job.DigestLength)
                && SameText(JobVersion, JobVersionLength, job._text, job._versionAt, job._versionLength)
                && SameText(Module, ModuleLength, job._text, job._moduleAt, job._moduleLength);
        }

        /// <summary>Makes this the position of file <paramref name="fileIndex"/> of <paramref name="job"/> at offset 0.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/> when the version or module is too long to keep.</returns>
        public int StartFor(OtaJob job, int fileIndex)
        {
            if (job._versionLength > MaxText || job._moduleLength > MaxText) return ErrorCode.BufferTooSmall;
            FileIndex = fileIndex;
            Size = job._size[fileIndex];
            Offset = 0;
            SignMethod = job._signMethod;
            Array.Copy(job._digest[fileIndex], 0, Digest, 0, 32);
            Array.Copy(job._text, job._versionAt, JobVersion, 0, job._versionLength);
            JobVersionLength = job._versionLength;
            Array.Copy(job._text, job._moduleAt, Module, 0, job._moduleLength);
            ModuleLength = job._moduleLength;
            ETagLength = 0;
            HashStateLength = 0;
            return ErrorCode.Ok;
        }

        /// <summary>Reads the newest saved position.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.NoRecord"/>; <see cref="ErrorCode.StorageFailed"/>.</returns>
        public int Load()
        {
            int length = _pair.LoadNewest();
            if (length < 0) return length;
            int p = RecordFrame.HeaderLength;
            FileIndex = _buffer[p++];
            Size = ReadInt64(_buffer, p);
            Offset = ReadInt64(_buffer, p + 8);
            p += 16;
            SignMethod = _buffer[p++];
            Array.Copy(_buffer, p, Digest, 0, 32);
            p += 32;
            p = ReadText(p, JobVersion, out JobVersionLength);
            p = ReadText(p, Module, out ModuleLength);
            p = ReadText(p, ETag, out ETagLength);
            ReadText(p, HashState, out HashStateLength);
            return ErrorCode.Ok;
        }

        /// <summary>Saves the position as the newest.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/>; <see cref="ErrorCode.StorageVerifyFailed"/>.</returns>
        public int Save()
        {
            int target;
            uint sequence;
            if (_pair.PrepareSave(out target, out sequence) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            RecordFrame.WriteHeader(s_magic, Version, Kind, sequence, _buffer, 0);
            int p = RecordFrame.HeaderLength;
            _buffer[p++] = (byte)FileIndex;
            WriteInt64(Size, _buffer, p);
            WriteInt64(Offset, _buffer, p + 8);
            p += 16;
            _buffer[p++] = (byte)SignMethod;
            Array.Copy(Digest, 0, _buffer, p, 32);
            p += 32;
            p = WriteText(JobVersion, JobVersionLength, p);
            p = WriteText(Module, ModuleLength, p);
            p = WriteText(ETag, ETagLength, p);
            p = WriteText(HashState, HashStateLength, p);
            int length = RecordFrame.Seal(_buffer, 0, p, _buffer.Length);
            return _pair.Commit(target, length, sequence);
        }

        /// <summary>Forgets the position (the download completed or was abandoned).</summary>
        public int Clear()
        {
            return _pair.Erase();
        }

        private int WriteText(byte[] text, int length, int p)
        {
            _buffer[p] = (byte)length;
            Array.Copy(text, 0, _buffer, p + 1, length);
            return p + 1 + length;
        }

        private int ReadText(int p, byte[] text, out int length)
        {
            length = _buffer[p];
            Array.Copy(_buffer, p + 1, text, 0, length);
            return p + 1 + length;
        }

        private static bool SameText(byte[] a, int aLength, byte[] b, int bAt, int bLength)
        {
            return aLength == bLength && ByteRanges.Equal(a, 0, b, bAt, bLength);
        }

        private static void WriteInt64(long value, byte[] b, int p)
        {
            RecordFrame.WriteUInt32((uint)value, b, p);
            RecordFrame.WriteUInt32((uint)(value >> 32), b, p + 4);
        }

        private static long ReadInt64(byte[] b, int p)
        {
            return (long)RecordFrame.ReadUInt32(b, p) | ((long)RecordFrame.ReadUInt32(b, p + 4) << 32);
        }

        // A valid frame whose four byte strings end exactly at the CRC.
        private sealed class Layout : IRecordLayout
        {
            public int Validate(byte[] buffer, int offset, int count, out uint sequence)
            {
                int length = RecordFrame.Check(s_magic, Version, MinLength, MaxLength, buffer, offset, count, out sequence);
                if (length < 0) return length;
                int crcAt = offset + length - RecordFrame.CrcLength;
                int p = offset + RecordFrame.HeaderLength + 1 + 16 + 1 + 32;
                int strings = 0;
                for (; p < crcAt && buffer[p] <= MaxText; strings++) p += 1 + buffer[p];
                if (buffer[offset + 5] == Kind && p == crcAt && strings == 4) return length;
                sequence = 0;
                return ErrorCode.Malformed;
            }
        }
    }
}
