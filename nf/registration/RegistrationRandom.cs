using System;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// The <c>random</c> nonce of dynamic registration: 15 characters from [0-9A-Za-z] (docs/protocol.md, The random nonce).
    /// It only salts the signature, so <see cref="SystemRandomSource"/> is good enough.
    /// (<see cref="IRandomSource"/> and <see cref="SystemRandomSource"/> are the client's, in LinkKit.Nano.)
    /// </summary>
    public static class RegistrationRandom
    {
        /// <summary>The nonce length in characters (and UTF-8 bytes).</summary>
        public const int Length = 15;

        private static readonly byte[] s_alphabet = new byte[]
        {
            (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9',
            (byte)'A', (byte)'B', (byte)'C', (byte)'D', (byte)'E', (byte)'F', (byte)'G', (byte)'H', (byte)'I', (byte)'J',
            (byte)'K', (byte)'L', (byte)'M', (byte)'N', (byte)'O', (byte)'P', (byte)'Q', (byte)'R', (byte)'S', (byte)'T',
            (byte)'U', (byte)'V', (byte)'W', (byte)'X', (byte)'Y', (byte)'Z',
            (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j',
            (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o', (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t',
            (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z',
        };

        /// <summary>Writes <see cref="Length"/> nonce characters at <paramref name="destination"/>[<paramref name="offset"/>..].</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="Length"/> bytes from <paramref name="offset"/>.</exception>
        public static void Fill(IRandomSource source, byte[] destination, int offset)
        {
            if (source == null) throw new ArgumentNullException("source");
            if (destination == null) throw new ArgumentNullException("destination");
            if (offset < 0 || destination.Length - offset < Length) throw new ArgumentOutOfRangeException("offset");
            for (int i = 0; i < Length; i++)
            {
                int index = source.Next(s_alphabet.Length);
                if (index < 0 || index >= s_alphabet.Length) throw new ArgumentOutOfRangeException("source");
                destination[offset + i] = s_alphabet[index];
            }
        }
    }
}
