using System;

namespace LinkKit.Nano.Internal
{
    /// <summary>
    /// Validates the (buffer, offset, count) triple that builders and parsers take. Misuse throws here,
    /// before any byte is read or written; messages are constants (no formatting on any path).
    /// </summary>
    internal static class BufferArgs
    {
        internal static void Check(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            // Written as a subtraction so offset + count cannot overflow.
            if (offset < 0 || count < 0 || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must lie inside the buffer.");
            }
        }
    }
}
