using System;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// CRC-32 as used by zlib, PNG and Ethernet (polynomial 0x04C11DB7 reflected, init and final XOR 0xFFFFFFFF):
    /// "123456789" gives 0xCBF43926. Allocation-free and incremental in zlib's style: start from 0 and feed
    /// each piece with the previous result, <c>crc = Crc32.Update(crc, data, offset, count)</c>.
    /// </summary>
    internal static class Crc32
    {
        // 1 KB table built once at type load; it makes each byte one lookup instead of eight shifts.
        private static readonly uint[] s_table = BuildTable();

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="data"/>.</exception>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>
        /// Continues <paramref name="crc"/> (0 for an empty prefix, or an earlier result) over more bytes and
        /// returns the CRC of everything fed so far.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="data"/>.</exception>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || count > data.Length - offset) throw new ArgumentOutOfRangeException("count");
            uint[] table = s_table;
            uint c = ~crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
            }
            return ~c;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
