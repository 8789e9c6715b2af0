using System;
using System.IO;

namespace LinkKit.Nano
{
    /// <summary>What the file adapters (secret slots, journal files) share: argument checks, reads at a position, deletes.</summary>
    internal static class FileBytes
    {
        /// <summary>Throws for a range outside <paramref name="buffer"/>.</summary>
        public static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count");
        }

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/> of the file at <paramref name="path"/>.</summary>
        /// <returns>The bytes read: 0 when the file does not exist or ends before the position; <see cref="ErrorCode.StorageFailed"/>.</returns>
        public static int ReadAt(string path, long position, byte[] buffer, int offset, int count)
        {
            try
            {
                if (!File.Exists(path)) return 0;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long left = stream.Length - position;
                    if (left <= 0) return 0;
                    if (position > 0) stream.Seek(position, SeekOrigin.Begin);
                    return Read(stream, buffer, offset, left < count ? (int)left : count);
                }
            }
            catch (Exception)
            {
                return ErrorCode.StorageFailed;
            }
        }

        /// <summary>Deletes the file at <paramref name="path"/> if it exists.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or <see cref="ErrorCode.StorageFailed"/>.</returns>
        public static int Delete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                return ErrorCode.StorageFailed;
            }
        }

        /// <summary>The one read loop: a FileStream may return fewer bytes than asked for.</summary>
        /// <remarks>Reads from the stream's position into buffer[offset, offset + count) until that is full or the file ends.</remarks>
        /// <returns>The bytes read: fewer than <paramref name="count"/> only when the file ended first.</returns>
        public static int Read(FileStream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }
}
