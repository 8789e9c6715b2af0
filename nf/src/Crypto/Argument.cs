using System;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// Misuse checks shared by the crypto primitives: they throw before any byte is read or written.
    /// Messages carry only parameter names, never data (keys are device secrets).
    /// </summary>
    internal static class Argument
    {
        /// <summary>Throws unless <paramref name="array"/>[offset .. offset+count) is a valid range.</summary>
        internal static void CheckRange(byte[] array, int offset, int count, string arrayName)
        {
            if (array == null) throw new ArgumentNullException(arrayName);
            if (offset < 0 || offset > array.Length) throw new ArgumentOutOfRangeException("offset");
            if (count < 0 || count > array.Length - offset) throw new ArgumentOutOfRangeException("count");
        }

        /// <summary>Throws unless <paramref name="offset"/> lies within 0..array.Length (the end is allowed).</summary>
        internal static void CheckOffset(byte[] array, int offset, string arrayName, string offsetName)
        {
            if (array == null) throw new ArgumentNullException(arrayName);
            if (offset < 0 || offset > array.Length) throw new ArgumentOutOfRangeException(offsetName);
        }
    }
}
