using LinkKit.Nano;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>Returns the given values in turn (cycling), for a known registration nonce.</summary>
    public sealed class FixedRandomSource : IRandomSource
    {
        private readonly int[] _values;
        private int _next;

        public FixedRandomSource(int[] values) { _values = values; }

        /// <summary>The alphabet indices (0-9 digits, 10-35 'A'-'Z', 36-61 'a'-'z') that spell <paramref name="nonce"/>.</summary>
        public static FixedRandomSource Spelling(string nonce)
        {
            int[] values = new int[nonce.Length];
            for (int i = 0; i < nonce.Length; i++)
            {
                char c = nonce[i];
                values[i] = c <= '9' ? c - '0' : c <= 'Z' ? c - 'A' + 10 : c - 'a' + 36;
            }
            return new FixedRandomSource(values);
        }

        public int Next(int maxExclusive)
        {
            int value = _values[_next];
            _next = (_next + 1) % _values.Length;
            return value;
        }
    }
}
