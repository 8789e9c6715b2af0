using System;

namespace LinkKit.Nano.Internal
{
    /// <summary>
    /// Validates the (buffer, offset, count) triples and output offsets that builders, parsers and the crypto
    /// primitives take. Misuse throws here, before any byte is read or written. Messages are constants: no
    /// formatting on any path, and never data (keys are device secrets).
    /// </summary>
    internal static class BufferArgs
    {
        /// <summary>As <see cref="Check(byte[], int, int, string)"/> for a parameter named "buffer".</summary>
        internal static void Check(byte[] buffer, int offset, int count)
        {
            Check(buffer, offset, count, "buffer");
        }

        /// <summary>Throws unless buffer[offset, offset + count) lies inside <paramref name="buffer"/>.</summary>
        /// <param name="bufferName">The caller's parameter name, for <see cref="ArgumentNullException"/>.</param>
        internal static void Check(byte[] buffer, int offset, int count, string bufferName)
        {
            CheckOffset(buffer, offset, bufferName, "offset");

            // Written as a subtraction so offset + count cannot overflow.
            if (count < 0 || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException("count", "count must not run past the end of the buffer.");
            }
        }

        /// <summary>Throws unless <paramref name="offset"/> lies within 0..buffer.Length (the end is allowed).</summary>
        internal static void CheckOffset(byte[] buffer, int offset, string bufferName, string offsetName)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(bufferName);
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(offsetName, "The offset must lie inside the buffer.");
            }
        }
    }
}
