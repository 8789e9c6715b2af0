using System;
using LinkKit.Nano.Crypto;
using Xunit;
using Bcl = System.Security.Cryptography;

namespace LinkKit.Nano.Tests.Host.Crypto
{
    /// <summary>
    /// Messages past 2^32 bits (512 MiB): the length field must carry the full 64-bit bit count, which a 32-bit
    /// counter would wrap. Compared with the BCL's incremental hash over the same chunks. The length field is
    /// written by the shared HashAlgorithm base, so one big-endian (SHA-1) and the little-endian (MD5) algorithm
    /// cover it; SHA-256 would only add ~10 s.
    /// </summary>
    public sealed class CryptoLongMessageTests
    {
        // 2^29 bytes is exactly 2^32 bits; 100 more bytes also leave a partial final block.
        private const long Length = (1L << 29) + 100;

        [Theory]
        [InlineData("SHA-1")]
        [InlineData("MD5")]
        public void Hash_MessageLongerThan512MiB_MatchesBcl(string name)
        {
            HashAlgorithm ours = name == "SHA-1" ? new Sha1() : new Md5();
            Bcl.HashAlgorithmName bclName = name == "SHA-1" ? Bcl.HashAlgorithmName.SHA1 : Bcl.HashAlgorithmName.MD5;
            using Bcl.IncrementalHash bcl = Bcl.IncrementalHash.CreateHash(bclName);

            byte[] chunk = new byte[1 << 20];
            new Random(29).NextBytes(chunk);
            for (long fed = 0; fed < Length; fed += chunk.Length)
            {
                int count = (int)Math.Min(chunk.Length, Length - fed);
                ours.Update(chunk, 0, count);
                bcl.AppendData(chunk, 0, count);
            }

            byte[] actual = new byte[ours.HashSize];
            Assert.Equal(ours.HashSize, ours.Final(actual, 0));
            Assert.Equal(Convert.ToHexString(bcl.GetHashAndReset()), Convert.ToHexString(actual));
        }
    }
}
