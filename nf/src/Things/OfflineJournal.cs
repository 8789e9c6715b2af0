using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Makes the store-and-forward ring (<see cref="OfflineQueue"/>) durable (<see cref="LinkKitOptions.OfflineJournal"/>):
    /// every record is appended to a journal file, with its own CRC-32, before the post counts as kept; records done
    /// are forgotten by a small marker; the file is compacted into the other one when it grows; on start the records
    /// not done are read back into the ring in order.
    /// </summary>
    /// <remarks>
    /// <para>Journal record (little-endian; every field is covered by the CRC):</para>
    /// <code>
    /// offset  size  field
    ///  0      2     magic "LQ"
    ///  2      1     format version (1)
    ///  3      1     kind (the AlinkKind value: property post, event post, raw data up)
    ///  4      4     generation of the file it was written to
    ///  8      4     sequence number (the ring's; grows by one per record, serial arithmetic)
    /// 12      8     request id (0 for raw data)
    /// 20      2     tag (0xFFFF none; for an event post the identifier below is what counts)
    /// 22      1     N: length of the event identifier (0 unless an event post)
    /// 23      2     P: payload length
    /// 25      N     event identifier, UTF-8 (so a post survives a TSL whose events moved)
    /// 25+N    P     payload: the finished Alink message, with the time it was taken
    /// 25+N+P  4     CRC-32 of bytes [0, 25+N+P)
    /// </code>
    /// <para>Marker (a <see cref="RecordFrame"/> "LKOJ" v1 through <see cref="SlotPair"/>, 25 bytes): the current file
    /// (1 byte, 0 or 1), its generation (4) and the first sequence number not known done (4). A record is read back
    /// when it lies in the current file, has a good CRC, carries the current generation, follows the previous one in
    /// sequence order, and is not before the marker's first. The first bytes that are not a whole record with a good
    /// CRC end the file (a torn tail); a whole record of another generation (left by a truncation that did not take
    /// effect) is stepped over.</para>
    /// <para>Durable writes and what a power cut at each leaves: an append (the new post is not kept: End… had not
    /// returned Ok; a torn tail is ignored and compacted away before the next append); a lazy marker write (the old
    /// marker or the new one: either only decides how many done records are sent again); a compaction's truncation
    /// of the other file, its appends, the marker switch (until the switch lands the current file is untouched and
    /// still named by the marker; after it the other file holds every record not done); the truncation of the old
    /// file (stale records of an older generation, never read, emptied before that file's next use).</para>
    /// Not thread-safe: <see cref="ThingRequests"/> serialises every call; the ring is read under its lock.
    /// </remarks>
    internal sealed class OfflineJournal : IRecordLayout
    {
        /// <summary>The marker advances once this many records left the ring since it was written (flash wear: see the docs).</summary>
        public const int MarkerInterval = 16;

        /// <summary>Bytes of a record before the event identifier.</summary>
        public const int RecordHeader = 25;

        /// <summary>Bytes a record adds to its payload and event identifier.</summary>
        public const int RecordOverhead = RecordHeader + CrcBytes;

        private const int CrcBytes = 4;
        private const int MaxName = 255;
        private const int Version = 1;
        private const int Invalid = -1000;   // not an ErrorCode: the bytes at a position are not a record of this file
        private const int MarkerVersion = 1;
        private const int MarkerLength = RecordFrame.HeaderLength + 9 + RecordFrame.CrcLength;
        private static readonly byte[] s_markerMagic = new byte[] { (byte)'L', (byte)'K', (byte)'O', (byte)'J' };

        private readonly IOfflineJournalFiles _files;
        private readonly SlotPair _marker;
        private readonly byte[] _markerBuffer = new byte[64];
        private readonly OfflineQueue _ring;
        private readonly object _ringLock;
        private readonly ThingModel _model;
        private readonly int _payloadCapacity;
        private readonly byte[] _frame;   // one record being appended, a compaction's batch, or file bytes being read

        private bool _open;           // the marker was read (or written) and the current file read back
        private bool _dirty;          // the current file may end in a torn record: compact before appending to it
        private bool _markerUnknown;  // a compaction's marker write failed: which file is current must be read back
        private int _file;
        private uint _generation;
        private uint _markerFirst;    // the first sequence number the marker holds
        private int _length;          // bytes of good records in the current file
        private int _limit;           // a compaction comes before an append that would take the file past this
        private int _pendingTarget;   // the compaction whose marker write failed
        private int _pendingLength;
        private uint _pendingFirst;

        // The file bytes in _frame, and the record Scan last read.
        private int _frameStart;
        private int _frameCount = -1;  // -1: nothing read
        private AlinkKind _rKind;
        private uint _rSequence;
        private long _rRequestId;
        private int _rTag;
        private int _rPayloadAt;       // in _frame; -1 when the record is larger than the frame
        private int _rPayloadCount;
        private bool _rCurrent;        // of the file's current generation (else a stale record, skipped)

        public OfflineJournal(OfflineJournalStorage storage, OfflineQueue ring, object ringLock, ThingModel model, int payloadCapacity)
        {
            _files = storage.Files;
            _marker = new SlotPair(storage.Marker, this, _markerBuffer);
            _ring = ring;
            _ringLock = ringLock;
            _model = model;
            _payloadCapacity = payloadCapacity;
            _frame = new byte[RecordOverhead + MaxName + payloadCapacity];
        }

        /// <summary>True once <see cref="Open"/> succeeded: records can be appended.</summary>
        public bool IsOpen
        {
            get { return _open; }
        }

        /// <summary>
        /// Reads the marker and puts the current file's records that are not done into the (emptied) ring, in order.
        /// Records that cannot be sent under this configuration (payload larger than PayloadBufferCapacity or the
        /// ring, an event the thing model no longer has), and the oldest when they do not all fit, are skipped.
        /// Without a marker the journal starts empty (both files emptied, the first marker written).
        /// </summary>
        /// <param name="newestId">The request id of the newest record in the file (0 when none): new ids go above it.</param>
        /// <param name="skipped">Records not done that were skipped.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/> (nothing loaded: the caller tries again later).</returns>
        public int Open(out long newestId, out int skipped)
        {
            newestId = 0;
            skipped = 0;
            _open = false;
            _dirty = false;
            _markerUnknown = false;
            lock (_ringLock)
            {
                _ring.Clear();
            }

            int rc = _marker.LoadNewest();
            if (rc == ErrorCode.NoRecord) return Start();
            if (rc < 0) return ErrorCode.StorageFailed;
            int file;
            uint generation, first;
            ReadMarker(out file, out generation, out first);
            _file = file;
            _generation = generation;
            _markerFirst = first;
            rc = Load(first, out newestId, out skipped);
            if (rc != ErrorCode.Ok)
            {
                lock (_ringLock)
                {
                    _ring.Clear();
                }

                newestId = 0;
                skipped = 0;
                return ErrorCode.StorageFailed;
            }

            _open = true;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Makes a record durable before the ring takes it: compacts first when the file is due (or may end torn),
        /// then appends. <paramref name="sequence"/> is the number the ring will give it.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/> once the record would survive a power cut; <see cref="ErrorCode.StorageFailed"/>.</returns>
        public int Append(AlinkKind kind, int tag, long requestId, uint sequence, byte[] payload, int offset, int count)
        {
            if (_markerUnknown && Resolve() != ErrorCode.Ok) return ErrorCode.StorageFailed;
            byte[] name = NameOf(kind, tag);
            int length = RecordOverhead + (name != null ? name.Length : 0) + count;
            if (length > _frame.Length) return ErrorCode.PayloadTooLarge;
            if (_dirty || _length + length > _limit)
            {
                // A failed compaction leaves the current file as it was: still usable unless it may end torn.
                if (Compact() != ErrorCode.Ok && (_dirty || _markerUnknown)) return ErrorCode.StorageFailed;
            }

            int n = Encode(_frame, 0, kind, tag, requestId, sequence, _generation, name, payload, offset, count);
            if (_files.Append(_file, _frame, 0, n) != ErrorCode.Ok)
            {
                _dirty = true;
                return ErrorCode.StorageFailed;
            }

            _length += n;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Advances the marker past the records that left the ring (done, or dropped for room) once there are
        /// <see cref="MarkerInterval"/> of them. A failed write changes nothing but how many done records a restart
        /// sends again, so it is not reported.
        /// </summary>
        public void AdvanceMarker()
        {
            if (!_open || _markerUnknown) return;
            uint first;
            lock (_ringLock)
            {
                first = _ring.FirstSequence;
            }

            if ((int)(first - _markerFirst) < MarkerInterval) return;
            if (WriteMarker(_file, _generation, first) == ErrorCode.Ok) _markerFirst = first;
        }

        /// <summary>The marker's record: the frame, then the current file (0 or 1).</summary>
        public int Validate(byte[] buffer, int offset, int count, out uint sequence)
        {
            int length = RecordFrame.Check(s_markerMagic, MarkerVersion, MarkerLength, MarkerLength, buffer, offset, count, out sequence);
            if (length < 0) return length;
            if (buffer[offset + RecordFrame.HeaderLength] > 1)
            {
                sequence = 0;
                return ErrorCode.Malformed;
            }

            return length;
        }

        /// <summary>No marker yet: both files emptied, then the first marker (file 0, generation 1).</summary>
        private int Start()
        {
            if (_files.Truncate(0) != ErrorCode.Ok || _files.Truncate(1) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            // Should this write fail yet land, the files it names are empty: the next Open finds the same state.
            if (WriteMarker(0, 1, 0) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            _file = 0;
            _generation = 1;
            _markerFirst = 0;
            _length = 0;
            _limit = 2 * _ring.Capacity;
            lock (_ringLock)
            {
                _ring.NextSequence = 0;
            }

            _open = true;
            return ErrorCode.Ok;
        }

        /// <summary>Two passes over the current file: the first checks it and sizes what to load, the second loads.</summary>
        private int Load(uint first, out long newestId, out int skipped)
        {
            newestId = 0;
            skipped = 0;
            _frameCount = -1;
            int pos = 0;
            int length;
            int total = 0;       // ring bytes of the loadable records from the marker's first
            int flashBytes = 0;  // their bytes in the file
            bool any = false;
            uint last = 0;
            while (true)
            {
                length = Scan(pos);
                if (length == ErrorCode.StorageFailed) return ErrorCode.StorageFailed;
                if (length <= 0) break;
                // A record of another generation (left by a truncation that did not take effect) is whole but not
                // this file's: stepped over.
                if (_rCurrent)
                {
                    if (any && (int)(_rSequence - last) <= 0)
                    {
                        length = Invalid;   // out of order: not written by this journal
                        break;
                    }

                    any = true;
                    last = _rSequence;
                    if (_rRequestId != 0) newestId = _rRequestId;
                    if ((int)(_rSequence - first) >= 0 && Loadable())
                    {
                        total += OfflineQueue.HeaderBytes + _rPayloadCount;
                        flashBytes += length;
                    }
                }

                pos += length;
            }

            int end = pos;
            _dirty = length == Invalid;

            // The newest records that fit: in a fresh ring, records laid end to end from 0 never wrap, and every
            // record the ring held when the journal was last written fits among them.
            int excess = total - _ring.Capacity;
            pos = 0;
            while (pos < end)
            {
                length = Scan(pos);
                if (length <= 0) return ErrorCode.StorageFailed;   // unreadable now, or different from the first pass
                if (_rCurrent && (int)(_rSequence - first) >= 0)
                {
                    if (!Loadable())
                    {
                        skipped++;
                    }
                    else if (excess > 0)
                    {
                        excess -= OfflineQueue.HeaderBytes + _rPayloadCount;
                        flashBytes -= length;
                        skipped++;
                    }
                    else
                    {
                        bool added;
                        lock (_ringLock)
                        {
                            added = _ring.Add(_rKind, _rTag, _rRequestId, _rSequence, _frame, _rPayloadAt, _rPayloadCount);
                        }

                        if (!added) return ErrorCode.StorageFailed;
                    }
                }

                pos += length;
            }

            lock (_ringLock)
            {
                _ring.NextSequence = any && (int)(last + 1 - first) > 0 ? last + 1 : first;
            }

            _length = end;
            _limit = Limit(flashBytes);
            return ErrorCode.Ok;
        }

        /// <summary>Whether the record Scan read can be put in the ring and sent under this configuration.</summary>
        private bool Loadable()
        {
            if (_rPayloadAt < 0 || _rPayloadCount > _payloadCapacity || OfflineQueue.HeaderBytes + _rPayloadCount > _ring.Capacity) return false;
            return _rKind != AlinkKind.EventPost || _rTag >= 0;
        }

        /// <summary>
        /// Reads the record at <paramref name="pos"/> of the current file into the _r fields (its payload in _frame).
        /// </summary>
        /// <returns>Its length; 0 at the end of the file; <see cref="Invalid"/> when the bytes there are not a good record
        /// of this file (torn, corrupt, another generation); <see cref="ErrorCode.StorageFailed"/>.</returns>
        private int Scan(int pos)
        {
            int held = Fill(pos, RecordHeader);
            if (held < 0) return ErrorCode.StorageFailed;
            if (held == 0) return 0;
            if (held < RecordHeader) return Invalid;
            byte[] f = _frame;
            int h = pos - _frameStart;
            if (f[h] != (byte)'L' || f[h + 1] != (byte)'Q' || f[h + 2] != Version || f[h + 3] == 0) return Invalid;
            _rCurrent = RecordFrame.ReadUInt32(f, h + 4) == _generation;
            int nameCount = f[h + 22];
            int payloadCount = f[h + 23] | (f[h + 24] << 8);
            int length = RecordOverhead + nameCount + payloadCount;
            _rKind = (AlinkKind)f[h + 3];
            _rSequence = RecordFrame.ReadUInt32(f, h + 8);
            _rRequestId = (long)(((ulong)RecordFrame.ReadUInt32(f, h + 16) << 32) | RecordFrame.ReadUInt32(f, h + 12));
            _rTag = f[h + 20] | (f[h + 21] << 8);
            if (_rTag == 0xFFFF) _rTag = -1;
            _rPayloadCount = payloadCount;
            _rPayloadAt = -1;
            if (length > f.Length) return CheckInPieces(pos, length);   // written under a larger payload buffer: never loaded

            held = Fill(pos, length);
            if (held < 0) return ErrorCode.StorageFailed;
            if (held < length) return Invalid;
            h = pos - _frameStart;
            if (Crc32.Compute(f, h, length - CrcBytes) != RecordFrame.ReadUInt32(f, h + length - CrcBytes)) return Invalid;
            _rPayloadAt = h + RecordHeader + nameCount;
            if (_rKind == AlinkKind.EventPost) _rTag = _model != null && nameCount > 0 ? _model.FindEvent(f, h + RecordHeader, nameCount) : -1;
            return length;
        }

        /// <summary>Makes _frame hold the file from <paramref name="pos"/>: returns how many bytes it holds from there
        /// (fewer than <paramref name="need"/> only when the file ends first), or StorageFailed.</summary>
        private int Fill(int pos, int need)
        {
            if (_frameCount >= 0 && pos >= _frameStart)
            {
                int held = _frameStart + _frameCount - pos;
                // Enough, or the last read already reached the end of the file.
                if (held >= need || (held >= 0 && _frameCount < _frame.Length)) return held;
            }

            int n = _files.Read(_file, pos, _frame, 0, _frame.Length);
            if (n < 0)
            {
                _frameCount = -1;
                return ErrorCode.StorageFailed;
            }

            _frameStart = pos;
            _frameCount = n;
            return n;
        }

        /// <summary>The CRC of a record larger than _frame, read in pieces.</summary>
        private int CheckInPieces(int pos, int length)
        {
            _frameCount = -1;
            int body = length - CrcBytes;
            uint crc = 0;
            for (int done = 0; done < body;)
            {
                int want = body - done < _frame.Length ? body - done : _frame.Length;
                int n = _files.Read(_file, pos + done, _frame, 0, want);
                if (n < 0) return ErrorCode.StorageFailed;
                if (n < want) return Invalid;
                crc = Crc32.Update(crc, _frame, 0, want);
                done += want;
            }

            int m = _files.Read(_file, pos + body, _frame, 0, CrcBytes);
            if (m < 0) return ErrorCode.StorageFailed;
            return m == CrcBytes && RecordFrame.ReadUInt32(_frame, 0) == crc ? length : Invalid;
        }

        /// <summary>
        /// Writes every record of the ring not done to the other file (emptied first) under the next generation, then
        /// switches the marker to it, then empties the old file.
        /// </summary>
        private int Compact()
        {
            int target = 1 - _file;
            uint generation = _generation + 1;
            if (_files.Truncate(target) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            int written = 0;
            bool started = false;
            uint firstWritten = 0, last = 0;
            int lastAt = -1;
            while (true)
            {
                int fill = 0;
                bool more;
                lock (_ringLock)
                {
                    // Records only leave the ring meanwhile (nothing is added while the caller appends): go on from the
                    // last one written while it is held, else from the oldest after it.
                    int at = !started ? _ring.FindNotDoneAfter(true, 0) : _ring.Holds(last) ? _ring.NextNotDone(lastAt) : _ring.FindNotDoneAfter(false, last);
                    while (at >= 0)
                    {
                        AlinkKind kind;
                        int tag, count;
                        long id;
                        uint sequence;
                        _ring.Describe(at, out kind, out tag, out id, out sequence, out count);
                        byte[] name = NameOf(kind, tag);
                        if (fill + RecordOverhead + (name != null ? name.Length : 0) + count > _frame.Length) break;
                        fill += Encode(_frame, fill, kind, tag, id, sequence, generation, name, _ring.Buffer, at + OfflineQueue.HeaderBytes, count);
                        if (!started) firstWritten = sequence;
                        started = true;
                        last = sequence;
                        lastAt = at;
                        at = _ring.NextNotDone(at);
                    }

                    more = at >= 0;
                }

                if (fill == 0)
                {
                    if (more) return ErrorCode.StorageFailed;   // a record larger than the frame: cannot happen
                    break;
                }

                if (_files.Append(target, _frame, 0, fill) != ErrorCode.Ok) return ErrorCode.StorageFailed;
                written += fill;
            }

            uint first = firstWritten;
            if (!started)
            {
                lock (_ringLock)
                {
                    first = _ring.NextSequence;
                }
            }

            _pendingTarget = target;
            _pendingLength = written;
            _pendingFirst = first;
            if (WriteMarker(target, generation, first) != ErrorCode.Ok)
            {
                // It may have landed all the same: until the marker is read back, neither file is appended to.
                _markerUnknown = true;
                return Resolve() == ErrorCode.Ok && _file == target ? ErrorCode.Ok : ErrorCode.StorageFailed;
            }

            Switch();
            return ErrorCode.Ok;
        }

        /// <summary>The compaction's marker landed: its file is current; the old one is emptied (a failure leaves
        /// records of an older generation there, never read, and the file is emptied again before its next use).</summary>
        private void Switch()
        {
            int old = _file;
            _file = _pendingTarget;
            _generation++;
            _length = _pendingLength;
            _markerFirst = _pendingFirst;
            _dirty = false;
            _markerUnknown = false;
            _limit = Limit(_pendingLength);
            _files.Truncate(old);
        }

        /// <summary>After a compaction's marker write failed: reads the marker back to learn which file is current.</summary>
        private int Resolve()
        {
            if (_marker.LoadNewest() < 0) return ErrorCode.StorageFailed;
            int file;
            uint generation, first;
            ReadMarker(out file, out generation, out first);
            if (file == _file && generation == _generation)
            {
                _markerUnknown = false;    // the switch did not land: the current file stands, the other is unnamed
                _markerFirst = first;
                return ErrorCode.Ok;
            }

            if (file == _pendingTarget && generation == _generation + 1)
            {
                Switch();
                return ErrorCode.Ok;
            }

            return ErrorCode.StorageFailed;
        }

        /// <summary>
        /// How long the file may grow: twice the ring, and at least one ring's worth of appends after what a
        /// compaction wrote, so compactions never follow each other post after post.
        /// </summary>
        private int Limit(int compacted)
        {
            int twice = 2 * _ring.Capacity;
            return compacted + _ring.Capacity > twice ? compacted + _ring.Capacity : twice;
        }

        private int WriteMarker(int file, uint generation, uint first)
        {
            int target;
            uint sequence;
            if (_marker.PrepareSave(out target, out sequence) != ErrorCode.Ok) return ErrorCode.StorageFailed;
            byte[] b = _markerBuffer;   // after PrepareSave, which reads the slots into it
            RecordFrame.WriteHeader(s_markerMagic, MarkerVersion, 0, sequence, b, 0);
            b[RecordFrame.HeaderLength] = (byte)file;
            RecordFrame.WriteUInt32(generation, b, RecordFrame.HeaderLength + 1);
            RecordFrame.WriteUInt32(first, b, RecordFrame.HeaderLength + 5);
            int length = RecordFrame.Seal(b, 0, RecordFrame.HeaderLength + 9, b.Length);
            return _marker.Commit(target, length, sequence);
        }

        /// <summary>The fields of the marker SlotPair just read into _markerBuffer.</summary>
        private void ReadMarker(out int file, out uint generation, out uint first)
        {
            byte[] b = _markerBuffer;
            file = b[RecordFrame.HeaderLength];
            generation = RecordFrame.ReadUInt32(b, RecordFrame.HeaderLength + 1);
            first = RecordFrame.ReadUInt32(b, RecordFrame.HeaderLength + 5);
        }

        private byte[] NameOf(AlinkKind kind, int tag)
        {
            return kind == AlinkKind.EventPost && tag >= 0 && _model != null ? _model.EventName(tag) : null;
        }

        /// <summary>Writes one journal record at <paramref name="at"/>; returns its length.</summary>
        private static int Encode(byte[] f, int at, AlinkKind kind, int tag, long requestId, uint sequence, uint generation, byte[] name,
            byte[] payload, int offset, int count)
        {
            int nameCount = name != null ? name.Length : 0;
            f[at] = (byte)'L';
            f[at + 1] = (byte)'Q';
            f[at + 2] = Version;
            f[at + 3] = (byte)kind;
            RecordFrame.WriteUInt32(generation, f, at + 4);
            RecordFrame.WriteUInt32(sequence, f, at + 8);
            RecordFrame.WriteUInt32((uint)requestId, f, at + 12);
            RecordFrame.WriteUInt32((uint)(requestId >> 32), f, at + 16);
            f[at + 20] = (byte)tag;
            f[at + 21] = (byte)(tag >> 8);
            f[at + 22] = (byte)nameCount;
            f[at + 23] = (byte)count;
            f[at + 24] = (byte)(count >> 8);
            int p = at + RecordHeader;
            if (nameCount > 0) System.Array.Copy(name, 0, f, p, nameCount);
            p += nameCount;
            System.Array.Copy(payload, offset, f, p, count);
            p += count;
            RecordFrame.WriteUInt32(Crc32.Compute(f, at, p - at), f, p);
            return p + CrcBytes - at;
        }
    }
}
