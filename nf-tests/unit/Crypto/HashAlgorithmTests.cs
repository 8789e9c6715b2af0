using System;
using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>
    /// The HashAlgorithm contract, for each algorithm: incremental updates at any split point, the
    /// too-small-buffer result, reset after Final, and misuse checks.
    /// </summary>
    [TestClass]
    public class HashAlgorithmTests
    {
        private const string Sha256Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // S1
        private const string Sha1Abc = "a9993e364706816aba3e25717850c26c9cd0d89d"; // H1
        private const string Md5Abc = "900150983cd24fb0d6963f7d28e17f72"; // M3

        [TestMethod]
        [DataRow("SHA-256", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")] // S3: 112 bytes, splits cross both blocks
        [DataRow("SHA-1", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a49b2446a02c645bf419f995b67091253a04a259")] // H3
        [DataRow("MD5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a")] // M7: 80 bytes
        public void Update_EverySplitPoint_MatchesPublishedDigest(string name, string message, string expectedHex)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] data = TestBytes.Ascii(message);
            byte[] digest = new byte[hash.HashSize];
            for (int split = 0; split <= data.Length; split++)
            {
                hash.Update(data, 0, split);
                hash.Update(data, split, data.Length - split);
                Assert.AreEqual(hash.HashSize, hash.Final(digest, 0));
                Assert.AreEqual(expectedHex, TestBytes.ToHex(digest), "split at " + split);
            }
        }

        [TestMethod]
        [DataRow("SHA-256", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")] // S3
        [DataRow("SHA-1", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a49b2446a02c645bf419f995b67091253a04a259")] // H3
        [DataRow("MD5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a")] // M7
        public void ExportState_AtEverySplitPoint_AFreshInstanceFinishesTheDigest(string name, string message, string expectedHex)
        {
            byte[] data = TestBytes.Ascii(message);
            byte[] state = new byte[HashAlgorithm.MaxStateBytes];
            byte[] digest = new byte[TestBytes.CreateHash(name).HashSize];
            for (int split = 0; split <= data.Length; split++)
            {
                HashAlgorithm first = TestBytes.CreateHash(name);
                first.Update(data, 0, split);
                int length = first.ExportState(state, 0);
                int words = name == "SHA-256" ? 8 : name == "SHA-1" ? 5 : 4;
                Assert.AreEqual(4 * words + 8 + 1 + split % 64, length, "state length at " + split);

                HashAlgorithm resumed = TestBytes.CreateHash(name);       // as after a reboot
                Assert.AreEqual(ErrorCode.Ok, resumed.ImportState(state, 0, length));
                resumed.Update(data, split, data.Length - split);
                resumed.Final(digest, 0);
                Assert.AreEqual(expectedHex, TestBytes.ToHex(digest), "split at " + split);
            }
        }

        [TestMethod]
        public void ImportState_NotAStateOfThisAlgorithm_Malformed_InstanceUnchanged()
        {
            byte[] abc = TestBytes.Ascii("abc");
            byte[] state = new byte[HashAlgorithm.MaxStateBytes];
            Sha256 source = new Sha256();
            source.Update(abc, 0, 2);
            int length = source.ExportState(state, 0);            // 32 + 8 + 1 + 2 = 43

            Md5 md5 = new Md5();
            Assert.AreEqual(ErrorCode.Malformed, md5.ImportState(state, 0, length));        // another algorithm's length
            Sha256 target = new Sha256();
            target.Update(abc, 0, 1);
            Assert.AreEqual(ErrorCode.Malformed, target.ImportState(state, 0, length - 1));  // cut short
            state[40] = 3;                                                                  // block length disagrees with the count
            Assert.AreEqual(ErrorCode.Malformed, target.ImportState(state, 0, length + 1));
            state[40] = 64;
            Assert.AreEqual(ErrorCode.Malformed, target.ImportState(state, 0, 32 + 8 + 1 + 64));

            target.Update(abc, 1, 2);                                                        // still the message "a" + "bc"
            byte[] digest = new byte[32];
            target.Final(digest, 0);
            Assert.AreEqual(Sha256Abc, TestBytes.ToHex(digest));
            Assert.AreEqual(ErrorCode.BufferTooSmall, source.ExportState(new byte[42], 0));
        }

        [TestMethod]
        [DataRow("SHA-256", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")] // S3
        [DataRow("SHA-1", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a49b2446a02c645bf419f995b67091253a04a259")] // H3
        [DataRow("MD5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a")] // M7
        public void Update_ByteByByte_MatchesPublishedDigest(string name, string message, string expectedHex)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] data = TestBytes.Ascii(message);
            for (int i = 0; i < data.Length; i++) hash.Update(data, i, 1);
            byte[] digest = new byte[hash.HashSize];
            hash.Final(digest, 0);
            Assert.AreEqual(expectedHex, TestBytes.ToHex(digest));
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void Update_ThreeParts_EqualsOneShot(string name)
        {
            // Split points around block edges (63/64/65, 127/128) and the length field (55/56), plus the ends.
            int[] splits = new int[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 200, 299, 300 };
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] data = TestBytes.Pattern(300);
            byte[] oneShot = new byte[hash.HashSize];
            byte[] incremental = new byte[hash.HashSize];
            hash.ComputeHash(data, 0, data.Length, oneShot, 0);
            string expected = TestBytes.ToHex(oneShot);
            for (int i = 0; i < splits.Length; i++)
            {
                for (int j = i; j < splits.Length; j++)
                {
                    int a = splits[i];
                    int b = splits[j];
                    hash.Update(data, 0, a);
                    hash.Update(data, a, b - a);
                    hash.Update(data, b, data.Length - b);
                    hash.Final(incremental, 0);
                    Assert.AreEqual(expected, TestBytes.ToHex(incremental), "splits " + a + "," + b);
                }
            }
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void Final_OneByteShort_ReturnsBufferTooSmallWritesNothingKeepsMessage(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] ab = TestBytes.Ascii("ab");
            byte[] c = TestBytes.Ascii("c");
            byte[] output = TestBytes.Filled(hash.HashSize + 1, 0xEE);
            hash.Update(ab, 0, ab.Length);

            Assert.AreEqual(ErrorCode.BufferTooSmall, hash.Final(output, 2)); // HashSize - 1 bytes of room
            TestBytes.AssertAll(output, 0xEE);

            hash.Update(c, 0, c.Length); // "ab" was kept: the message is now "abc"
            Assert.AreEqual(hash.HashSize, hash.Final(output, 1));
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(output, 1, hash.HashSize));
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void Final_ExactFit_WritesOnlyTheDigest(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] abc = TestBytes.Ascii("abc");
            byte[] output = TestBytes.Filled(hash.HashSize + 2, 0xEE);
            hash.Update(abc, 0, abc.Length);

            Assert.AreEqual(hash.HashSize, hash.Final(output, 1));
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(output, 1, hash.HashSize));
            Assert.AreEqual((byte)0xEE, output[0]);
            Assert.AreEqual((byte)0xEE, output[output.Length - 1]);
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void ComputeHash_OneByteShort_ReturnsBufferTooSmallAndLeavesInstanceAlone(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] ab = TestBytes.Ascii("ab");
            byte[] c = TestBytes.Ascii("c");
            byte[] other = TestBytes.Ascii("other message");
            byte[] output = TestBytes.Filled(hash.HashSize - 1, 0xEE);
            hash.Update(ab, 0, ab.Length);

            Assert.AreEqual(ErrorCode.BufferTooSmall, hash.ComputeHash(other, 0, other.Length, output, 0));
            TestBytes.AssertAll(output, 0xEE);

            hash.Update(c, 0, c.Length); // neither reset nor fed: the pending "ab" becomes "abc"
            byte[] digest = new byte[hash.HashSize];
            hash.Final(digest, 0);
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(digest));
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void Final_ResetsForTheNextMessage(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] abc = TestBytes.Ascii("abc");
            byte[] digest = new byte[hash.HashSize];
            for (int round = 0; round < 2; round++)
            {
                hash.Update(abc, 0, abc.Length);
                hash.Final(digest, 0);
                Assert.AreEqual(AbcHex(name), TestBytes.ToHex(digest), "round " + round);
            }
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void ResetAndClear_DiscardPendingBytes(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] abc = TestBytes.Ascii("abc");
            byte[] junk = TestBytes.Pattern(100); // one full block compressed plus 36 buffered bytes
            byte[] digest = new byte[hash.HashSize];

            hash.Update(junk, 0, junk.Length);
            hash.Reset();
            hash.Update(abc, 0, abc.Length);
            hash.Final(digest, 0);
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(digest), "after Reset");

            hash.Update(junk, 0, junk.Length);
            hash.Clear();
            hash.Update(abc, 0, abc.Length);
            hash.Final(digest, 0);
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(digest), "after Clear");
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void ComputeHash_SubRangeAtOffsets_HashesOnlyThatRange(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] framed = TestBytes.Ascii("xxabcyy");
            byte[] output = TestBytes.Filled(hash.HashSize + 3, 0xEE);
            Assert.AreEqual(hash.HashSize, hash.ComputeHash(framed, 2, 3, output, 3));
            Assert.AreEqual(AbcHex(name), TestBytes.ToHex(output, 3, hash.HashSize));
        }

        [TestMethod]
        [DataRow("SHA-256")]
        [DataRow("SHA-1")]
        [DataRow("MD5")]
        public void Misuse_Throws(string name)
        {
            HashAlgorithm hash = TestBytes.CreateHash(name);
            byte[] data = new byte[10];
            byte[] output = new byte[hash.HashSize];
            Assert.ThrowsException(typeof(ArgumentNullException), () => hash.Update(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Update(data, -1, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Update(data, 11, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Update(data, 0, 11));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Update(data, 10, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Update(data, 5, -1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hash.Final(null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Final(output, -1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.Final(output, output.Length + 1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hash.ComputeHash(null, 0, 0, output, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hash.ComputeHash(data, 0, 0, null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.ComputeHash(data, 0, 11, output, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hash.ComputeHash(data, 0, 0, output, -1));

            // Edges that are not misuse: an empty range at the end, and an output offset at the end (no room).
            hash.Update(data, 10, 0);
            Assert.AreEqual(ErrorCode.BufferTooSmall, hash.Final(output, output.Length));
        }

        private static string AbcHex(string name)
        {
            if (name == "SHA-256") return Sha256Abc;
            if (name == "SHA-1") return Sha1Abc;
            return Md5Abc;
        }
    }
}
