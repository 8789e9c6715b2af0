using System.IO;

namespace LinkKit.Nano
{
    /// <summary>The one read loop of the file adapters: a FileStream may return fewer bytes than asked for.</summary>
    internal static class FileBytes
    {
        /// <summary>Reads from the stream's position into buffer[offset, offset + count) until that is full or the file ends.</summary>
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
