namespace LinkKit.Nano.Internal
{
    /// <summary>The one byte-range comparison (topics, identifiers, and in OTA digests, versions, modules, ETags).</summary>
    internal static class ByteRanges
    {
        /// <summary>True when a[aAt..+count) and b[bAt..+count) hold the same bytes.</summary>
        public static bool Equal(byte[] a, int aAt, byte[] b, int bAt, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[aAt + i] != b[bAt + i]) return false;
            }
            return true;
        }
    }
}
