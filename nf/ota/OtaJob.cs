using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>How a firmware file's digest (<c>sign</c>) was computed.</summary>
    public static class OtaSignMethod
    {
        /// <summary>No job, or no digest read yet.</summary>
        public const int None = 0;

        /// <summary><c>"Md5"</c>: 16-byte digest (32 hex characters).</summary>
        public const int Md5 = 1;

        /// <summary><c>"SHA256"</c>: 32-byte digest (64 hex characters).</summary>
        public const int Sha256 = 2;
    }

    /// <summary>
    /// An upgrade the cloud offers: the push on <c>/ota/device/upgrade/…</c> or the answer to a firmware query, read
    /// into buffers allocated once. Lent: valid until the next job is read into it (copy what you keep). Text is kept
    /// as UTF-8 bytes (a signed URL can exceed 1 KB); the Get… methods allocate a string only when called.
    /// </summary>
    /// <remarks>
    /// A single-file firmware is file 0, named "" (the platform gives it no name). A multi-file firmware lists its
    /// files in the order the cloud sent them. Every file has a size, an HTTPS URL and a digest of the job's
    /// <see cref="SignMethod"/>.
    /// </remarks>
    public sealed class OtaJob
    {
        /// <summary>Bytes of text (version, module, names, URLs, extData) a job holds unless told otherwise.</summary>
        public const int DefaultTextCapacity = 6144;

        /// <summary>Files a job holds unless told otherwise.</summary>
        public const int DefaultMaxFiles = 4;

        private const int DigestCapacity = 32;

        internal readonly byte[] _text;
        internal int _textUsed;
        internal int _versionAt, _versionLength, _moduleAt, _moduleLength, _extDataAt, _extDataLength;
        internal int _signMethod;
        internal int _fileCount;
        internal readonly int[] _nameAt, _nameLength, _urlAt, _urlLength;
        internal readonly long[] _size;
        internal readonly byte[][] _digest;

        /// <summary>A job with the default capacities.</summary>
        public OtaJob() : this(DefaultTextCapacity, DefaultMaxFiles)
        {
        }

        /// <summary>A job holding up to <paramref name="textCapacity"/> bytes of text and <paramref name="maxFiles"/> files.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A capacity is below 1.</exception>
        public OtaJob(int textCapacity, int maxFiles)
        {
            if (textCapacity < 1) throw new ArgumentOutOfRangeException("textCapacity");
            if (maxFiles < 1) throw new ArgumentOutOfRangeException("maxFiles");
            _text = new byte[textCapacity];
            _nameAt = new int[maxFiles];
            _nameLength = new int[maxFiles];
            _urlAt = new int[maxFiles];
            _urlLength = new int[maxFiles];
            _size = new long[maxFiles];
            _digest = new byte[maxFiles][];
            for (int i = 0; i < maxFiles; i++) _digest[i] = new byte[DigestCapacity];
        }

        /// <summary>The most files this job can hold.</summary>
        public int MaxFiles
        {
            get { return _size.Length; }
        }

        /// <summary>The files of the current job (0 when none has been read).</summary>
        public int FileCount
        {
            get { return _fileCount; }
        }

        /// <summary>An <see cref="OtaSignMethod"/> constant.</summary>
        public int SignMethod
        {
            get { return _signMethod; }
        }

        /// <summary>The digest's length in bytes: 16 (MD5), 32 (SHA-256), 0 without a job.</summary>
        public int DigestLength
        {
            get { return _signMethod == OtaSignMethod.Md5 ? 16 : _signMethod == OtaSignMethod.Sha256 ? 32 : 0; }
        }

        /// <summary>The sum of the files' sizes.</summary>
        public long TotalSize
        {
            get
            {
                long total = 0;
                for (int i = 0; i < _fileCount; i++) total += _size[i];
                return total;
            }
        }

        /// <summary>The version the job installs, e.g. "2.0.0" (allocates).</summary>
        public string GetVersion()
        {
            return Utf8.GetString(_text, _versionAt, _versionLength);
        }

        /// <summary>True when the job's version is <paramref name="version"/> (allocates nothing).</summary>
        public bool VersionEquals(string version)
        {
            return TextEquals(_versionAt, _versionLength, version);
        }

        /// <summary>The module the job is for ("default" when the cloud named none; allocates).</summary>
        public string GetModule()
        {
            return Utf8.GetString(_text, _moduleAt, _moduleLength);
        }

        /// <summary>True when the job is for <paramref name="module"/> (allocates nothing).</summary>
        public bool ModuleEquals(string module)
        {
            return TextEquals(_moduleAt, _moduleLength, module);
        }

        /// <summary>The job's <c>extData</c> as JSON text, or "" when it has none (allocates).</summary>
        public string GetExtData()
        {
            return Utf8.GetString(_text, _extDataAt, _extDataLength);
        }

        /// <summary>File <paramref name="index"/>'s name ("" for a single-file firmware; allocates).</summary>
        public string GetFileName(int index)
        {
            CheckFile(index);
            return Utf8.GetString(_text, _nameAt[index], _nameLength[index]);
        }

        /// <summary>File <paramref name="index"/>'s size in bytes.</summary>
        public long GetFileSize(int index)
        {
            CheckFile(index);
            return _size[index];
        }

        /// <summary>File <paramref name="index"/>'s download URL (allocates; the downloader reads the bytes instead).</summary>
        public string GetUrl(int index)
        {
            CheckFile(index);
            return Utf8.GetString(_text, _urlAt[index], _urlLength[index]);
        }

        /// <summary>Copies file <paramref name="index"/>'s expected digest (<see cref="DigestLength"/> bytes).</summary>
        /// <returns>The bytes copied; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public int CopyDigest(int index, byte[] destination, int offset)
        {
            CheckFile(index);
            int n = DigestLength;
            if (destination == null) throw new ArgumentNullException("destination");
            if (offset < 0 || offset > destination.Length) throw new ArgumentOutOfRangeException("offset");
            if (destination.Length - offset < n) return ErrorCode.BufferTooSmall;
            Array.Copy(_digest[index], 0, destination, offset, n);
            return n;
        }

        /// <summary>Copies this job into <paramref name="target"/> (a download keeps its own copy while new offers arrive).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/> when the target holds less text or
        /// fewer files (it is then left empty).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
        public int CopyTo(OtaJob target)
        {
            if (target == null) throw new ArgumentNullException("target");
            target.Clear();
            if (_textUsed > target._text.Length || _fileCount > target.MaxFiles) return ErrorCode.BufferTooSmall;
            Array.Copy(_text, target._text, _textUsed);
            target._textUsed = _textUsed;
            target._versionAt = _versionAt;
            target._versionLength = _versionLength;
            target._moduleAt = _moduleAt;
            target._moduleLength = _moduleLength;
            target._extDataAt = _extDataAt;
            target._extDataLength = _extDataLength;
            target._signMethod = _signMethod;
            for (int i = 0; i < _fileCount; i++)
            {
                target._nameAt[i] = _nameAt[i];
                target._nameLength[i] = _nameLength[i];
                target._urlAt[i] = _urlAt[i];
                target._urlLength[i] = _urlLength[i];
                target._size[i] = _size[i];
                Array.Copy(_digest[i], target._digest[i], DigestCapacity);
            }
            target._fileCount = _fileCount;
            return ErrorCode.Ok;
        }

        // Every file's fields too: a reader fills only what a message names, and nothing of an earlier job may show through.
        internal void Clear()
        {
            _textUsed = 0;
            _versionAt = _versionLength = _moduleAt = _moduleLength = _extDataAt = _extDataLength = 0;
            _signMethod = OtaSignMethod.None;
            _fileCount = 0;
            for (int i = 0; i < _size.Length; i++)
            {
                _nameAt[i] = _nameLength[i] = _urlAt[i] = _urlLength[i] = 0;
                _size[i] = 0;
            }
        }

        private bool TextEquals(int at, int length, string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            return Utf8.Equals(_text, at, length, text);
        }

        private void CheckFile(int index)
        {
            if (index < 0 || index >= _fileCount) throw new ArgumentOutOfRangeException("index");
        }
    }
}
