using System;
using System.Threading;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>Raised as a download advances: bytes of file <paramref name="fileIndex"/> held so far, of <paramref name="size"/>.</summary>
    public delegate void OtaDownloadProgressHandler(OtaDownloader sender, int fileIndex, long received, long size);

    /// <summary>
    /// Downloads one file of an <see cref="OtaJob"/> over HTTPS into an <see cref="IFirmwareSink"/>, in fixed chunks
    /// of at most <see cref="ChunkBytes"/>, hashing as the bytes arrive, and survives any cut: a dropped connection
    /// is retried with back-off from the byte where it stopped (<c>Range: bytes=N-</c>); a reboot or power cut
    /// resumes from the last durable offset, kept with the digest state in two slots (so the first part is neither
    /// fetched nor hashed again). A changed ETag, or a server that ignores Range, restarts the file cleanly. The file
    /// counts only when its digest is the job's; otherwise it is discarded and nothing is activated.
    /// </summary>
    /// <remarks>
    /// All buffers are allocated by the constructor: a chunk costs no allocation (a connection attempt allocates the
    /// host name string). <see cref="Download"/> blocks its caller; <see cref="Cancel"/> stops it from another
    /// thread. Not for two downloads at once.
    /// </remarks>
    public sealed class OtaDownloader
    {
        /// <summary>The chunk size: the response head and each body read fit in it.</summary>
        public const int ChunkBytes = 2048;

        private const int HttpsPort = 443;

        private readonly ITlsConnector _connector;
        private readonly string _caPem;
        private readonly IClock _clock;
        private readonly OtaResumeStore _state;
        private readonly byte[] _buffer = new byte[ChunkBytes];
        private readonly byte[] _digest = new byte[32];
        private readonly Md5 _md5 = new Md5();
        private readonly Sha256 _sha256 = new Sha256();
        private readonly HttpHead _head = new HttpHead();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private bool _cancelled;            // set by Cancel on another thread; read between chunks (nanoFramework has no volatile)
        private long _committed;

        /// <summary>A downloader connecting through <paramref name="connector"/>, trusting only <paramref name="caPem"/>,
        /// keeping its position in <paramref name="stateSlots"/> (two slots of their own, not the secret store's).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public OtaDownloader(ITlsConnector connector, string caPem, ISecretSlots stateSlots, IClock clock)
        {
            if (connector == null) throw new ArgumentNullException("connector");
            if (caPem == null) throw new ArgumentNullException("caPem");
            if (stateSlots == null) throw new ArgumentNullException("stateSlots");
            if (clock == null) throw new ArgumentNullException("clock");
            _connector = connector;
            _caPem = caPem;
            _state = new OtaResumeStore(stateSlots);
            _clock = clock;
        }

        /// <summary>Bytes between two durable records of the position (a multiple of 64, default 32 KB): a cut loses at most this much.</summary>
        public int CommitInterval { get; set; } = 32 * 1024;

        /// <summary>Failed connection attempts in a row (without a byte gained) before <see cref="Download"/> gives up (default 8).</summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>The first wait before a retry, doubled after each failure up to <see cref="RetryMaxMilliseconds"/> (default 1 s).</summary>
        public int RetryMinMilliseconds { get; set; } = 1000;

        /// <summary>The longest wait before a retry (default 30 s).</summary>
        public int RetryMaxMilliseconds { get; set; } = 30000;

        /// <summary>The status of the last HTTP response (0 before any).</summary>
        public int LastHttpStatus { get; private set; }

        /// <summary>Connection attempts of the last <see cref="Download"/>.</summary>
        public int Attempts { get; private set; }

        /// <summary>Position records that could not be saved (the download goes on; only resumability after a cut suffers).</summary>
        public int StateSaveFailures { get; private set; }

        /// <summary>Raised after each chunk, on the downloading thread; keep handlers short.</summary>
        public event OtaDownloadProgressHandler Progress;

        /// <summary>Stops a <see cref="Download"/> in progress at its next chunk or wait; its position stays saved.</summary>
        public void Cancel()
        {
            _cancelled = true;
            _wake.Set();
        }

        /// <summary>Downloads file <paramref name="fileIndex"/> of <paramref name="job"/> into <paramref name="sink"/>, resuming where
        /// an earlier download of the same file stopped.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>: the sink holds the whole file and its digest matched (<see cref="IFirmwareSink.Complete"/>
        /// called); <see cref="ErrorCode.OtaDigestMismatch"/> (the bytes were discarded); <see cref="ErrorCode.OtaDownloadFailed"/>
        /// (the server refused — <see cref="LastHttpStatus"/>, e.g. 403 for an expired URL: ask the cloud for a fresh
        /// one, the position is kept — or every retry failed); <see cref="ErrorCode.OtaCancelled"/> (the position is
        /// kept); <see cref="ErrorCode.OtaWriteFailed"/>.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="job"/> or <paramref name="sink"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileIndex"/> is not a file of the job.</exception>
        public int Download(OtaJob job, int fileIndex, IFirmwareSink sink)
        {
            if (job == null) throw new ArgumentNullException("job");
            if (sink == null) throw new ArgumentNullException("sink");
            if (fileIndex < 0 || fileIndex >= job.FileCount) throw new ArgumentOutOfRangeException("fileIndex");
            _cancelled = false;
            Attempts = 0;
            LastHttpStatus = 0;
            HashAlgorithm hash = job.SignMethod == OtaSignMethod.Sha256 ? (HashAlgorithm)_sha256 : _md5;
            long size = job._size[fileIndex];

            long offset = Resume(job, fileIndex, hash);
            long kept = sink.Open(fileIndex, size, offset);
            if (kept < 0) return ErrorCode.OtaWriteFailed;
            if (kept != offset) offset = Restart(job, fileIndex, hash);
            _committed = offset;

            int failures = 0;
            int wait = RetryMinMilliseconds;
            while (offset < size)
            {
                if (_cancelled) return ErrorCode.OtaCancelled;
                long before = offset;
                int rc = Attempt(job, fileIndex, sink, hash, ref offset);
                if (rc == ErrorCode.Ok) continue;
                if (rc == RestartFile)
                {
                    offset = Restart(job, fileIndex, hash);
                    if (sink.Open(fileIndex, size, 0) != 0) return ErrorCode.OtaWriteFailed;
                }
                else if (rc != Transient)
                {
                    return rc;
                }
                if (offset > before)
                {
                    failures = 0;                                   // progress: the connection was worth it
                    wait = RetryMinMilliseconds;
                }
                if (++failures >= MaxAttempts) return ErrorCode.OtaDownloadFailed;
                if (rc == Transient)
                {
                    _clock.Wait(_wake, wait);
                    wait = wait > RetryMaxMilliseconds / 2 ? RetryMaxMilliseconds : wait * 2;
                }
            }
            return Finish(job, fileIndex, sink, hash);
        }

        private const int Transient = 1;
        private const int RestartFile = 2;

        // The saved position of this very file, with its digest state; else a fresh start.
        private long Resume(OtaJob job, int fileIndex, HashAlgorithm hash)
        {
            if (_state.Load() == ErrorCode.Ok && _state.IsFor(job, fileIndex) && _state.Offset > 0 && _state.Offset <= job._size[fileIndex]
                && hash.ImportState(_state.HashState, 0, _state.HashStateLength) == ErrorCode.Ok)
            {
                return _state.Offset;
            }
            return Restart(job, fileIndex, hash);
        }

        private long Restart(OtaJob job, int fileIndex, HashAlgorithm hash)
        {
            hash.Reset();
            _state.StartFor(job, fileIndex);
            _committed = 0;
            return 0;
        }

        private int Finish(OtaJob job, int fileIndex, IFirmwareSink sink, HashAlgorithm hash)
        {
            hash.Final(_digest, 0);
            if (!ByteRanges.Equal(_digest, 0, job._digest[fileIndex], 0, job.DigestLength))
            {
                sink.Discard();
                _state.Clear();
                return ErrorCode.OtaDigestMismatch;
            }
            if (sink.Complete() != ErrorCode.Ok) return ErrorCode.OtaWriteFailed;
            _state.Clear();
            return ErrorCode.Ok;
        }

        // One connection: request from offset, check the head, stream the body. Ok when the file is complete.
        private int Attempt(OtaJob job, int fileIndex, IFirmwareSink sink, HashAlgorithm hash, ref long offset)
        {
            Attempts++;
            int urlAt = job._urlAt[fileIndex];
            int urlEnd = urlAt + job._urlLength[fileIndex];
            int hostAt = urlAt + 8;                                                  // after "https://"
            int hostEnd = hostAt;
            while (hostEnd < urlEnd && job._text[hostEnd] != '/' && job._text[hostEnd] != '?' && job._text[hostEnd] != ':') hostEnd++;
            int pathAt = hostEnd;
            int port = HttpsPort;
            if (pathAt < urlEnd && job._text[pathAt] == ':')
            {
                port = 0;
                for (pathAt++; pathAt < urlEnd && job._text[pathAt] >= '0' && job._text[pathAt] <= '9'; pathAt++) port = port * 10 + job._text[pathAt] - '0';
                if (port < 1 || port > 65535) return ErrorCode.OtaDownloadFailed;
            }
            if (hostEnd == hostAt) return ErrorCode.OtaDownloadFailed;

            ITlsStream stream;
            if (_connector.Connect(Utf8.GetString(job._text, hostAt, hostEnd - hostAt), port, _caPem, out stream) != ErrorCode.Ok) return Transient;
            try
            {
                if (!SendRequest(stream, job._text, hostAt, pathAt, urlEnd, offset)) return Transient;
                int filled;
                int bodyAt = ReadHead(stream, out filled);
                LastHttpStatus = _head.Status;
                if (bodyAt == ErrorCode.TlsIoFailed) return Transient;
                if (bodyAt < 0) return ErrorCode.OtaDownloadFailed;
                int rc = CheckHead(job, fileIndex, offset);
                if (rc != ErrorCode.Ok) return rc;
                return ReadBody(stream, fileIndex, job._size[fileIndex], sink, hash, bodyAt, filled, ref offset);
            }
            finally
            {
                stream.Close();
            }
        }

        private bool SendRequest(ITlsStream stream, byte[] url, int hostAt, int pathAt, int urlEnd, long offset)
        {
            int n = Put("GET ", 0);
            if (pathAt == urlEnd || url[pathAt] != '/') n = Put("/", n);
            if (stream.Write(_buffer, 0, n) != ErrorCode.Ok) return false;
            if (urlEnd > pathAt && stream.Write(url, pathAt, urlEnd - pathAt) != ErrorCode.Ok) return false;
            n = Put(" HTTP/1.1\r\nHost: ", 0);
            Array.Copy(url, hostAt, _buffer, n, pathAt - hostAt);                  // with the port, if the URL names one
            n += pathAt - hostAt;
            n = Put("\r\nRange: bytes=", n);
            n += NumberFormatter.WriteInt64(offset, _buffer, n, _buffer.Length - n);
            n = Put("-\r\nUser-Agent: LinkKit.Nano\r\nConnection: close\r\n\r\n", n);
            return stream.Write(_buffer, 0, n) == ErrorCode.Ok;
        }

        private int Put(string ascii, int at)
        {
            for (int i = 0; i < ascii.Length; i++) _buffer[at + i] = (byte)ascii[i];
            return at + ascii.Length;
        }

        // Reads until the head is complete; returns where the body starts in the buffer (filled = bytes in it),
        // TlsIoFailed when the connection ends first, HttpMalformed.
        private int ReadHead(ITlsStream stream, out int filled)
        {
            filled = 0;
            while (true)
            {
                if (filled == _buffer.Length) return ErrorCode.HttpMalformed;      // a head over 2 KB: not a file server we know
                int n = stream.Read(_buffer, filled, _buffer.Length - filled);
                if (n <= 0) return ErrorCode.TlsIoFailed;
                filled += n;
                int body = _head.Parse(_buffer, 0, filled);
                if (body != ErrorCode.HttpTruncated) return body;
            }
        }

        private int CheckHead(OtaJob job, int fileIndex, long offset)
        {
            int status = _head.Status;
            long size = job._size[fileIndex];
            if (status >= 500) return Transient;
            if (status == 416) return offset == size ? ErrorCode.Ok : RestartFile;
            if (status != 200 && status != 206) return ErrorCode.OtaDownloadFailed;   // 403 expired URL, 404, …

            // Another file behind the same URL than the one the bytes so far came from: start again.
            if (_state.ETagLength > 0 && (_head.ETagLength != _state.ETagLength || !ByteRanges.Equal(_buffer, _head.ETagAt, _state.ETag, 0, _state.ETagLength)))
            {
                if (offset > 0) return RestartFile;
            }
            if (_head.ETagLength > 0 && _head.ETagLength <= OtaResumeStore.MaxText)
            {
                Array.Copy(_buffer, _head.ETagAt, _state.ETag, 0, _head.ETagLength);
                _state.ETagLength = _head.ETagLength;
            }

            if (status == 200)
            {
                if (offset > 0) return RestartFile;                                 // the server ignored Range
                return _head.ContentLength == size ? ErrorCode.Ok : ErrorCode.OtaDownloadFailed;
            }
            if (_head.RangeFirst != offset) return _head.RangeFirst == 0 ? RestartFile : ErrorCode.OtaDownloadFailed;
            if (_head.RangeTotal >= 0 && _head.RangeTotal != size) return ErrorCode.OtaDownloadFailed;
            return _head.ContentLength == size - offset ? ErrorCode.Ok : ErrorCode.OtaDownloadFailed;
        }

        private int ReadBody(ITlsStream stream, int fileIndex, long size, IFirmwareSink sink, HashAlgorithm hash, int at, int filled, ref long offset)
        {
            if (offset == size) return ErrorCode.Ok;
            int n = filled - at;
            while (true)
            {
                if (n > 0)
                {
                    if (n > size - offset) n = (int)(size - offset);               // never more than the file
                    hash.Update(_buffer, at, n);
                    if (sink.Write(_buffer, at, n) != ErrorCode.Ok) return ErrorCode.OtaWriteFailed;
                    offset += n;
                    OtaDownloadProgressHandler progress = Progress;
                    if (progress != null) progress(this, fileIndex, offset, size);
                    if (offset == size) return ErrorCode.Ok;
                    if (offset - _committed >= CommitInterval && Commit(sink, hash, offset) != ErrorCode.Ok) return ErrorCode.OtaWriteFailed;
                }
                if (_cancelled) return ErrorCode.OtaCancelled;
                at = 0;
                n = stream.Read(_buffer, 0, _buffer.Length);
                if (n <= 0) return Transient;
            }
        }

        // The bytes first, then the position: a cut in between resumes from the older position, which the sink still holds.
        private int Commit(IFirmwareSink sink, HashAlgorithm hash, long offset)
        {
            if (sink.Flush() != ErrorCode.Ok) return ErrorCode.OtaWriteFailed;
            _state.Offset = offset;
            _state.HashStateLength = hash.ExportState(_state.HashState, 0);
            if (_state.Save() != ErrorCode.Ok) StateSaveFailures++;
            _committed = offset;
            return ErrorCode.Ok;
        }

    }
}
