using System;
using LinkKit.Nano.Crypto;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Crypto
{
    /// <summary>Proves the crypto hot paths allocate 0 bytes once the instances exist.</summary>
    public sealed class CryptoAllocationTests
    {
        private static readonly byte[] s_message = Pattern(300);   // several blocks plus a partial one
        private static readonly byte[] s_longKey = Pattern(131);   // longer than a block: hashed in SetKey

        [Theory]
        [InlineData("SHA-256")]
        [InlineData("SHA-1")]
        [InlineData("MD5")]
        public void Hash_ComputeHash_AllocatesNothing(string name)
        {
            HashAlgorithm hash = CreateHash(name);
            byte[] digest = new byte[hash.HashSize];
            Allocations.AssertZero(name + " ComputeHash", () => hash.ComputeHash(s_message, 0, s_message.Length, digest, 0));
        }

        [Theory]
        [InlineData("SHA-256")]
        [InlineData("SHA-1")]
        [InlineData("MD5")]
        public void Hash_IncrementalUpdateAndFinal_AllocatesNothing(string name)
        {
            HashAlgorithm hash = CreateHash(name);
            byte[] digest = new byte[hash.HashSize];
            Allocations.AssertZero(name + " Update x3 + Final", () =>
            {
                hash.Update(s_message, 0, 10);
                hash.Update(s_message, 10, 150);
                hash.Update(s_message, 160, 140);
                hash.Final(digest, 0);
            });
        }

        [Theory]
        [InlineData("SHA-256")]
        [InlineData("SHA-1")]
        public void Hmac_SetKeyAndCompute_AllocatesNothing(string name)
        {
            Hmac hmac = new Hmac(CreateHash(name));
            byte[] mac = new byte[hmac.HashSize];
            Allocations.AssertZero("HMAC-" + name + " SetKey(short) + Compute", () =>
            {
                hmac.SetKey(s_longKey, 0, 32);
                hmac.Compute(s_message, 0, s_message.Length, mac, 0);
            });
            Allocations.AssertZero("HMAC-" + name + " SetKey(long) + Update + Final", () =>
            {
                hmac.SetKey(s_longKey, 0, s_longKey.Length);
                hmac.Update(s_message, 0, 100);
                hmac.Update(s_message, 100, 200);
                hmac.Final(mac, 0);
            });
            Allocations.AssertZero("HMAC-" + name + " Clear", () => hmac.Clear());
        }

        [Fact]
        public void Hex_EncodeAndDecode_AllocateNothing()
        {
            byte[] text = new byte[2 * s_message.Length];
            byte[] back = new byte[s_message.Length];
            Allocations.AssertZero("Hex.Encode lower", () => Hex.Encode(s_message, 0, s_message.Length, text, 0, false));
            Allocations.AssertZero("Hex.Encode upper", () => Hex.Encode(s_message, 0, s_message.Length, text, 0, true));
            Allocations.AssertZero("Hex.Decode", () => Hex.Decode(text, 0, text.Length, back, 0));
        }

        [Fact]
        public void TooSmallResults_AllocateNothing()
        {
            Sha256 hash = new Sha256();
            Hmac hmac = new Hmac(new Sha1());
            byte[] small = new byte[8];
            Allocations.AssertZero("BufferTooSmall paths", () =>
            {
                hash.Final(small, 0);
                hash.ComputeHash(s_message, 0, 10, small, 0);
                hmac.Final(small, 0);
                Hex.Encode(s_message, 0, 5, small, 0, false);
                Hex.Decode(s_message, 0, 3, small, 0);
            });
        }

        private static HashAlgorithm CreateHash(string name)
        {
            return name switch
            {
                "SHA-256" => new Sha256(),
                "SHA-1" => new Sha1(),
                _ => new Md5(),
            };
        }

        private static byte[] Pattern(int length)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + 3);
            return bytes;
        }
    }
}
