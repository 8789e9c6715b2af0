using System;
using System.Reflection;
using LinkKit.Nano.Crypto;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Crypto
{
    /// <summary>
    /// Hmac.Clear must leave no key material behind: looks inside the private buffers (host only, by reflection)
    /// after a long key (its tail passes through the hash's block buffer) and a message in progress.
    /// </summary>
    public sealed class HmacClearTests
    {
        [Theory]
        [InlineData("SHA-256")]
        [InlineData("SHA-1")]
        public void Clear_LeavesOnlyEmptyKeyPadsAndZeros(string name)
        {
            HashAlgorithm hash = name == "SHA-256" ? new Sha256() : new Sha1();
            Hmac hmac = new Hmac(hash);
            byte[] key = new byte[131];
            for (int i = 0; i < key.Length; i++) key[i] = (byte)(0xA0 + (i % 7));
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(key, 0, key.Length);
            hmac.Compute(key, 0, 10, mac, 0);
            hmac.Update(key, 0, 10); // secret-looking bytes waiting in the block buffer

            hmac.Clear();

            Assert.All(Field<byte[]>(typeof(Hmac), hmac, "_innerPad"), b => Assert.Equal(0x36, b));
            Assert.All(Field<byte[]>(typeof(Hmac), hmac, "_outerPad"), b => Assert.Equal(0x5C, b));
            Assert.All(Field<byte[]>(typeof(Hmac), hmac, "_innerDigest"), b => Assert.Equal(0, b));
            Assert.All(Field<byte[]>(typeof(HashAlgorithm), hash, "_block"), b => Assert.Equal(0, b));
        }

        private static T Field<T>(Type type, object instance, string name)
        {
            FieldInfo field = type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic);
            Assert.NotNull(field);
            return (T)field.GetValue(instance);
        }
    }
}
