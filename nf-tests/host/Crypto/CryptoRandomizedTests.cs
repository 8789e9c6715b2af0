using System;
using LinkKit.Nano.Crypto;
using Xunit;
using Xunit.Abstractions;
using Bcl = System.Security.Cryptography;

namespace LinkKit.Nano.Tests.Host.Crypto
{
    /// <summary>
    /// Differential tests against System.Security.Cryptography: thousands of random messages (0..1000 bytes) and
    /// keys (0..200 bytes, so shorter, equal to and longer than the 64-byte block), each fed through random
    /// Update split points. One long-lived instance per algorithm also proves the reset after Final.
    /// The seed is fixed and printed; set LINKKIT_CRYPTO_SEED to replay another run.
    /// </summary>
    public sealed class CryptoRandomizedTests
    {
        private const int Iterations = 3000;
        private const int MaxMessage = 1000;
        private const int MaxKey = 200;
        private const int DefaultSeed = 0x11AC;

        private readonly ITestOutputHelper _output;

        public CryptoRandomizedTests(ITestOutputHelper output) { _output = output; }

        [Theory]
        [InlineData("SHA-256")]
        [InlineData("SHA-1")]
        [InlineData("MD5")]
        public void Hash_RandomMessagesAndSplits_MatchesBcl(string name)
        {
            int seed = Seed();
            var random = new Random(seed);
            HashAlgorithm ours = CreateHash(name);
            byte[] actual = new byte[ours.HashSize];
            for (int i = 0; i < Iterations; i++)
            {
                byte[] message = RandomBytes(random, random.Next(MaxMessage + 1));
                string splits = FeedInPieces(random, message, ours.Update);
                Assert.Equal(ours.HashSize, ours.Final(actual, 0));
                byte[] expected = BclHash(name, message);
                if (!expected.AsSpan().SequenceEqual(actual))
                    Assert.Fail(name + " differs: seed " + seed + ", iteration " + i + ", length " + message.Length + ", splits " + splits);
            }
        }

        [Theory]
        [InlineData("HMAC-SHA256")]
        [InlineData("HMAC-SHA1")]
        public void Hmac_RandomKeysMessagesAndSplits_MatchesBcl(string name)
        {
            int seed = Seed();
            var random = new Random(seed);
            Hmac ours = new Hmac(name == "HMAC-SHA256" ? new Sha256() : new Sha1());
            byte[] actual = new byte[ours.HashSize];
            for (int i = 0; i < Iterations; i++)
            {
                byte[] key = RandomBytes(random, random.Next(MaxKey + 1));
                byte[] message = RandomBytes(random, random.Next(MaxMessage + 1));
                ours.SetKey(key, 0, key.Length);
                string splits = FeedInPieces(random, message, ours.Update);
                Assert.Equal(ours.HashSize, ours.Final(actual, 0));
                byte[] expected = name == "HMAC-SHA256" ? Bcl.HMACSHA256.HashData(key, message) : Bcl.HMACSHA1.HashData(key, message);
                if (!expected.AsSpan().SequenceEqual(actual))
                    Assert.Fail(name + " differs: seed " + seed + ", iteration " + i + ", key length " + key.Length
                        + ", length " + message.Length + ", splits " + splits);

                // Same key, second message, one shot: Final must have left the key in place.
                byte[] second = RandomBytes(random, random.Next(MaxMessage + 1));
                Assert.Equal(ours.HashSize, ours.Compute(second, 0, second.Length, actual, 0));
                expected = name == "HMAC-SHA256" ? Bcl.HMACSHA256.HashData(key, second) : Bcl.HMACSHA1.HashData(key, second);
                if (!expected.AsSpan().SequenceEqual(actual))
                    Assert.Fail(name + " second message differs: seed " + seed + ", iteration " + i);
            }
        }

        [Fact]
        public void Hex_RandomBytes_MatchesConvert()
        {
            int seed = Seed();
            var random = new Random(seed);
            byte[] text = new byte[2 * MaxMessage];
            byte[] back = new byte[MaxMessage];
            for (int i = 0; i < Iterations; i++)
            {
                byte[] data = RandomBytes(random, random.Next(MaxMessage + 1));
                bool upper = random.Next(2) == 1;
                int n = Hex.Encode(data, 0, data.Length, text, 0, upper);
                string expected = upper ? Convert.ToHexString(data) : Convert.ToHexStringLower(data);
                Assert.True(expected == System.Text.Encoding.ASCII.GetString(text, 0, n), "seed " + seed + ", iteration " + i);
                Assert.Equal(data.Length, Hex.Decode(text, 0, n, back, 0));
                Assert.True(data.AsSpan().SequenceEqual(back.AsSpan(0, data.Length)), "seed " + seed + ", iteration " + i);
            }
        }

        private int Seed()
        {
            string fromEnvironment = Environment.GetEnvironmentVariable("LINKKIT_CRYPTO_SEED");
            int seed = string.IsNullOrEmpty(fromEnvironment) ? DefaultSeed : int.Parse(fromEnvironment);
            _output.WriteLine("seed " + seed + " (replay with LINKKIT_CRYPTO_SEED=" + seed + ")");
            return seed;
        }

        private static byte[] RandomBytes(Random random, int length)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        /// <summary>Feeds <paramref name="message"/> in 1..5 pieces at random cut points; returns the cuts for messages.</summary>
        private static string FeedInPieces(Random random, byte[] message, Action<byte[], int, int> update)
        {
            int[] cuts = new int[random.Next(5)];
            for (int c = 0; c < cuts.Length; c++) cuts[c] = random.Next(message.Length + 1);
            Array.Sort(cuts);
            int start = 0;
            foreach (int cut in cuts)
            {
                update(message, start, cut - start);
                start = cut;
            }

            update(message, start, message.Length - start);
            return "[" + string.Join(",", cuts) + "]";
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

        private static byte[] BclHash(string name, byte[] message)
        {
            return name switch
            {
                "SHA-256" => Bcl.SHA256.HashData(message),
                "SHA-1" => Bcl.SHA1.HashData(message),
                _ => Bcl.MD5.HashData(message),
            };
        }
    }
}
