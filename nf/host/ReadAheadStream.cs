using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LinkKit.Nano
{
    /// <summary>
    /// A stream that reads ahead into its own buffer and writes straight through. MQTTnet reads every packet as a
    /// 2-byte fixed header, maybe more length bytes, then the body, each a separate read: on a bare socket each is a
    /// receive call, while here one receive usually brings several packets. Writes are never held back, since MQTTnet
    /// does not flush. One reader at a time (MQTTnet's receive loop); writes may run alongside.
    /// </summary>
    internal sealed class ReadAheadStream : Stream
    {
        private readonly Stream _inner;
        private readonly byte[] _buffer;
        private int _start;
        private int _end;

        public ReadAheadStream(Stream inner, int bufferSize)
        {
            _inner = inner;
            _buffer = new byte[bufferSize];
        }

        public override bool CanRead { get { return true; } }

        public override bool CanWrite { get { return _inner.CanWrite; } }

        public override bool CanSeek { get { return false; } }

        public override long Length { get { throw new NotSupportedException(); } }

        public override long Position
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            if (_end > _start) return new ValueTask<int>(Take(destination.Span));
            // A read the buffer could not serve better (nothing asked, or at least a buffer's worth) goes straight through.
            if (destination.Length == 0 || destination.Length >= _buffer.Length) return _inner.ReadAsync(destination, cancellationToken);
            return FillAndTake(destination, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }

        public override int Read(Span<byte> destination)
        {
            if (_end > _start) return Take(destination);
            if (destination.Length == 0 || destination.Length >= _buffer.Length) return _inner.Read(destination);
            int n = _inner.Read(_buffer, 0, _buffer.Length);
            if (n == 0) return 0;
            _start = 0;
            _end = n;
            return Take(destination);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            return Read(buffer.AsSpan(offset, count));
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            return _inner.WriteAsync(source, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override void Write(ReadOnlySpan<byte> source)
        {
            _inner.Write(source);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
        }

        public override void Flush()
        {
            _inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            return _inner.FlushAsync(cancellationToken);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException();
        }

        public override void SetLength(long value)
        {
            throw new NotSupportedException();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            return _inner.DisposeAsync();
        }

        /// <summary>Refills the empty buffer with one inner read; a pooled state machine when that read has to wait.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<int> FillAndTake(Memory<byte> destination, CancellationToken cancellationToken)
        {
            int n = await _inner.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (n == 0) return 0;
            _start = 0;
            _end = n;
            return Take(destination.Span);
        }

        private int Take(Span<byte> destination)
        {
            int n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
            return n;
        }
    }
}
