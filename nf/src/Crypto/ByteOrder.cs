namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// Moves 32-bit words between bytes and uint arrays: big-endian for the SHA family, little-endian for MD5.
    /// One call per block or digest, so the per-byte work stays in plain loops.
    /// </summary>
    internal static class ByteOrder
    {
        internal static void LoadBigEndian(byte[] source, int offset, uint[] words, int count)
        {
            for (int i = 0; i < count; i++, offset += 4)
            {
                words[i] = ((uint)source[offset] << 24) | ((uint)source[offset + 1] << 16)
                         | ((uint)source[offset + 2] << 8) | source[offset + 3];
            }
        }

        internal static void StoreBigEndian(uint[] words, int count, byte[] destination, int offset)
        {
            for (int i = 0; i < count; i++, offset += 4)
            {
                uint w = words[i];
                destination[offset] = (byte)(w >> 24);
                destination[offset + 1] = (byte)(w >> 16);
                destination[offset + 2] = (byte)(w >> 8);
                destination[offset + 3] = (byte)w;
            }
        }

        internal static void LoadLittleEndian(byte[] source, int offset, uint[] words, int count)
        {
            for (int i = 0; i < count; i++, offset += 4)
            {
                words[i] = source[offset] | ((uint)source[offset + 1] << 8)
                         | ((uint)source[offset + 2] << 16) | ((uint)source[offset + 3] << 24);
            }
        }

        internal static void StoreLittleEndian(uint[] words, int count, byte[] destination, int offset)
        {
            for (int i = 0; i < count; i++, offset += 4)
            {
                uint w = words[i];
                destination[offset] = (byte)w;
                destination[offset + 1] = (byte)(w >> 8);
                destination[offset + 2] = (byte)(w >> 16);
                destination[offset + 3] = (byte)(w >> 24);
            }
        }
    }
}
