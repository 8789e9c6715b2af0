using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// An incremental hash with 64-byte blocks and a 64-bit message length (Merkle–Damgård: SHA-256, SHA-1, MD5).
    /// This base buffers partial blocks, counts the length and pads; each algorithm only compresses blocks and
    /// writes its digest. Every array is allocated by the constructor: Update, Final and ComputeHash allocate
    /// nothing. An instance is not thread-safe.
    /// </summary>
    public abstract class HashAlgorithm
    {
        private const int BlockBytes = 64;

        /// <summary>Padding leaves the last 8 bytes of the final block for the message length in bits.</summary>
        private const int LengthFieldOffset = BlockBytes - 8;

        private readonly byte[] _block = new byte[BlockBytes];
        private readonly bool _lengthIsBigEndian;
        private int _blockLength;

        // Bytes, not bits, so nothing is lost before Final; bits = bytes << 3 (mod 2^64, as the standards say).
        private ulong _byteCount;

        /// <summary>Only the algorithms in this assembly derive from this class.</summary>
        internal HashAlgorithm(bool lengthIsBigEndian)
        {
            _lengthIsBigEndian = lengthIsBigEndian;
        }

        /// <summary>Digest length in bytes.</summary>
        public abstract int HashSize { get; }

        /// <summary>Block length in bytes (64 for SHA-256, SHA-1 and MD5); HMAC pads keys to it.</summary>
        public int BlockSize
        {
            get { return BlockBytes; }
        }

        /// <summary>Discards any message in progress and starts a new one.</summary>
        public void Reset()
        {
            _blockLength = 0;
            _byteCount = 0;
            InitializeState();
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            BufferArgs.Check(data, offset, count, "data");
            _byteCount += (ulong)count;

            if (_blockLength > 0)
            {
                int take = BlockBytes - _blockLength;
                if (take > count) take = count;
                Array.Copy(data, offset, _block, _blockLength, take);
                _blockLength += take;
                offset += take;
                count -= take;
                if (_blockLength < BlockBytes) return;
                CompressBlock(_block, 0);
                _blockLength = 0;
            }

            // Whole blocks are compressed straight from the caller's array, without a copy.
            while (count >= BlockBytes)
            {
                CompressBlock(data, offset);
                offset += BlockBytes;
                count -= BlockBytes;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, _block, 0, count);
                _blockLength = count;
            }
        }

        /// <summary>
        /// Pads the message, writes its digest at <paramref name="output"/>[<paramref name="offset"/>..] and resets
        /// for the next message.
        /// </summary>
        /// <returns><see cref="HashSize"/>; or <see cref="ErrorCode.BufferTooSmall"/> when fewer than HashSize bytes
        /// follow <paramref name="offset"/>: then nothing is written and the message in progress is kept.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> lies outside <paramref name="output"/>.</exception>
        public int Final(byte[] output, int offset)
        {
            BufferArgs.CheckOffset(output, offset, "output", "offset");
            int hashSize = HashSize;
            if (output.Length - offset < hashSize) return ErrorCode.BufferTooSmall;

            ulong bitCount = _byteCount << 3;
            int n = _blockLength;
            _block[n++] = 0x80;
            if (n > LengthFieldOffset)
            {
                // No room for the length in this block: it goes into one more, all padding.
                Array.Clear(_block, n, BlockBytes - n);
                CompressBlock(_block, 0);
                n = 0;
            }

            Array.Clear(_block, n, LengthFieldOffset - n);
            for (int i = 0; i < 8; i++)
            {
                int shift = _lengthIsBigEndian ? 56 - 8 * i : 8 * i;
                _block[LengthFieldOffset + i] = (byte)(bitCount >> shift);
            }

            CompressBlock(_block, 0);
            WriteDigest(output, offset);
            Reset();
            return hashSize;
        }

        /// <summary>The most bytes <see cref="ExportState"/> writes (SHA-256: 8 chaining words, the length, a partial block).</summary>
        public const int MaxStateBytes = 8 * 4 + 8 + 1 + BlockBytes;

        /// <summary>
        /// Writes the state of the message in progress, so that another instance of the same algorithm can go on
        /// where this one stopped (<see cref="ImportState"/>): a download resumed after a reboot need not hash its
        /// first part again. Layout: the chaining words (little-endian), the byte count (8 bytes, little-endian), the
        /// partial block's length (1 byte) and its bytes. Allocates nothing.
        /// </summary>
        /// <returns>The bytes written; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> lies outside <paramref name="output"/>.</exception>
        public int ExportState(byte[] output, int offset)
        {
            BufferArgs.CheckOffset(output, offset, "output", "offset");
            uint[] words = ChainingState;
            int length = StateLength(words.Length, _blockLength);
            if (output.Length - offset < length) return ErrorCode.BufferTooSmall;
            ByteOrder.StoreLittleEndian(words, words.Length, output, offset);
            int p = offset + 4 * words.Length;
            for (int i = 0; i < 8; i++) output[p++] = (byte)(_byteCount >> (8 * i));
            output[p++] = (byte)_blockLength;
            Array.Copy(_block, 0, output, p, _blockLength);
            return length;
        }

        /// <summary>Replaces the message in progress with a state <see cref="ExportState"/> wrote (same algorithm).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when the bytes cannot be such a state
        /// (wrong length for this algorithm, a partial block of 64 bytes or more, a count that disagrees with it): the
        /// instance is then left as it was.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="input"/>.</exception>
        public int ImportState(byte[] input, int offset, int count)
        {
            BufferArgs.Check(input, offset, count, "input");
            uint[] words = ChainingState;
            int lengthAt = offset + 4 * words.Length;
            if (count < StateLength(words.Length, 0)) return ErrorCode.Malformed;
            ulong byteCount = 0;
            for (int i = 0; i < 8; i++) byteCount |= (ulong)input[lengthAt + i] << (8 * i);
            int blockLength = input[lengthAt + 8];
            if (blockLength >= BlockBytes || count != StateLength(words.Length, blockLength) || (int)(byteCount % BlockBytes) != blockLength)
                return ErrorCode.Malformed;
            ByteOrder.LoadLittleEndian(input, offset, words, words.Length);
            _byteCount = byteCount;
            _blockLength = blockLength;
            Array.Copy(input, lengthAt + 9, _block, 0, blockLength);
            return ErrorCode.Ok;
        }

        private static int StateLength(int wordCount, int blockLength)
        {
            return 4 * wordCount + 8 + 1 + blockLength;
        }

        /// <summary>One-shot digest: Reset, Update and Final.</summary>
        /// <returns><see cref="HashSize"/>; or <see cref="ErrorCode.BufferTooSmall"/> with nothing written and the
        /// instance untouched.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its array.</exception>
        public int ComputeHash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BufferArgs.Check(data, offset, count, "data");
            BufferArgs.CheckOffset(output, outputOffset, "output", "outputOffset");
            if (output.Length - outputOffset < HashSize) return ErrorCode.BufferTooSmall;
            Reset();
            Update(data, offset, count);
            return Final(output, outputOffset);
        }

        /// <summary>
        /// Overwrites every buffer that held message bytes or state with zeros, then resets. Use it after hashing
        /// secrets (HMAC keys pass through here).
        /// </summary>
        public void Clear()
        {
            Array.Clear(_block, 0, BlockBytes);
            ClearWorkspace();
            Reset();
        }

        /// <summary>Loads the algorithm's initial chaining values.</summary>
        internal abstract void InitializeState();

        /// <summary>The algorithm's chaining words (the state between blocks).</summary>
        internal abstract uint[] ChainingState { get; }

        /// <summary>Compresses the 64 bytes at <paramref name="data"/>[<paramref name="offset"/>..] into the state.</summary>
        internal abstract void CompressBlock(byte[] data, int offset);

        /// <summary>Writes HashSize digest bytes from the state; the caller has checked the room.</summary>
        internal abstract void WriteDigest(byte[] output, int offset);

        /// <summary>Zeroes the algorithm's state and message schedule.</summary>
        internal abstract void ClearWorkspace();
    }
}
