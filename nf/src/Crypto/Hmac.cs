using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// HMAC (RFC 2104) over any <see cref="HashAlgorithm"/>: <c>new Hmac(new Sha256())</c> is HMAC-SHA256,
    /// <c>new Hmac(new Sha1())</c> HMAC-SHA1. Buffers are allocated by the constructor; SetKey, Update, Final and
    /// Compute allocate nothing. Until SetKey is called the key is empty (a valid, if useless, HMAC key).
    /// An instance is not thread-safe.
    /// </summary>
    public sealed class Hmac
    {
        private const byte InnerPadByte = 0x36;
        private const byte OuterPadByte = 0x5C;

        private readonly HashAlgorithm _hash;
        private readonly byte[] _innerPad;      // key ^ 0x36, zero-padded to the block size
        private readonly byte[] _outerPad;      // key ^ 0x5C
        private readonly byte[] _innerDigest;   // H(innerPad || message); also holds the hash of a long key

        /// <summary>Creates an HMAC that owns <paramref name="hash"/>: do not use that instance elsewhere.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="hash"/> is null.</exception>
        public Hmac(HashAlgorithm hash)
        {
            if (hash == null) throw new ArgumentNullException("hash");
            _hash = hash;
            _innerPad = new byte[hash.BlockSize];
            _outerPad = new byte[hash.BlockSize];
            _innerDigest = new byte[hash.HashSize];
            LoadKey(_innerDigest, 0, 0);
        }

        /// <summary>MAC length in bytes: the hash's digest length.</summary>
        public int HashSize
        {
            get { return _innerDigest.Length; }
        }

        /// <summary>
        /// Sets the key and starts a new message. Keys longer than the hash's block are hashed first (RFC 2104 §2).
        /// The key bytes are copied; the caller may clear its array afterwards.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="key"/>.</exception>
        public void SetKey(byte[] key, int offset, int count)
        {
            BufferArgs.Check(key, offset, count, "key");
            if (count > _innerPad.Length)
            {
                _hash.ComputeHash(key, offset, count, _innerDigest, 0);
                LoadKey(_innerDigest, 0, _innerDigest.Length);
            }
            else
            {
                LoadKey(key, offset, count);
            }
        }

        /// <summary>Discards the message in progress; the key stays.</summary>
        public void Reset()
        {
            _hash.Reset();
            _hash.Update(_innerPad, 0, _innerPad.Length);
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> to the message.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            _hash.Update(data, offset, count);
        }

        /// <summary>
        /// Writes the MAC of the message at <paramref name="output"/>[<paramref name="offset"/>..]; the instance is
        /// then ready for a new message under the same key.
        /// </summary>
        /// <returns><see cref="HashSize"/>; or <see cref="ErrorCode.BufferTooSmall"/> when fewer than HashSize bytes
        /// follow <paramref name="offset"/>: then nothing is written and the message in progress is kept.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> lies outside <paramref name="output"/>.</exception>
        public int Final(byte[] output, int offset)
        {
            BufferArgs.CheckOffset(output, offset, "output", "offset");
            int size = _innerDigest.Length;
            if (output.Length - offset < size) return ErrorCode.BufferTooSmall;

            _hash.Final(_innerDigest, 0);
            _hash.Update(_outerPad, 0, _outerPad.Length);
            _hash.Update(_innerDigest, 0, size);
            _hash.Final(output, offset);
            Reset();
            return size;
        }

        /// <summary>One-shot MAC of <paramref name="data"/> under the current key (discards any message in progress).</summary>
        /// <returns><see cref="HashSize"/>; or <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its array.</exception>
        public int Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BufferArgs.Check(data, offset, count, "data");
            BufferArgs.CheckOffset(output, outputOffset, "output", "outputOffset");
            if (output.Length - outputOffset < _innerDigest.Length) return ErrorCode.BufferTooSmall;
            Reset();
            _hash.Update(data, offset, count);
            return Final(output, outputOffset);
        }

        /// <summary>
        /// Overwrites the key material and every intermediate buffer with zeros (keys are device secrets); the
        /// instance is then keyed with the empty key, ready for SetKey.
        /// </summary>
        public void Clear()
        {
            Array.Clear(_innerDigest, 0, _innerDigest.Length);
            _hash.Clear();
            LoadKey(_innerDigest, 0, 0);
        }

        /// <summary>Builds both pads from a key no longer than a block and starts the inner hash.</summary>
        private void LoadKey(byte[] key, int offset, int count)
        {
            for (int i = 0; i < _innerPad.Length; i++)
            {
                byte k = i < count ? key[offset + i] : (byte)0;
                _innerPad[i] = (byte)(k ^ InnerPadByte);
                _outerPad[i] = (byte)(k ^ OuterPadByte);
            }

            Reset();
        }
    }
}
