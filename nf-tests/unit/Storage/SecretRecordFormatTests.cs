using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Storage
{
    [TestClass]
    public class SecretRecordFormatTests
    {
        // Layout computed independently with Python (struct + zlib.crc32): V1's identity, sequence 7.
        private const string DeviceSecretRecordHex =
            "4c4b535201014900070000000b00613142326333443465354608006465766963653031200030313233343536373839616263646566303132333435363738396162636465664c3fc023";

        // W3's follow-up connection credentials (docs/test-vectors.md W3 note), sequence 0xFFFFFFFF.
        private const string DeviceTokenRecordHex =
            "4c4b53520102cc00ffffffff0b00613154657374504b30303109006465762d64796e2d327400613154657374504b3030312e6465762d64796e2d327c6578616d706c652d636c69656e7469642d66726f6d2d706c6174666f726d7c61757468547970653d636f6e6e776c2c7365637572656d6f64653d2d322c5f73733d312c6578743d332c6c616e3d507974686f6e2c5f763d312e322e31337c15006465762d64796e2d3226613154657374504b3030311500546f6b656e46726f6d506c6174666f726d30303032a3388c0f";

        public static SecretRecord DeviceSecretRecord()
        {
            SecretRecord record = new SecretRecord();
            record.SetDeviceSecret("a1B2c3D4e5F", "device01", "0123456789abcdef0123456789abcdef");
            return record;
        }

        public static SecretRecord DeviceTokenRecord()
        {
            SecretRecord record = new SecretRecord();
            record.SetDeviceToken("a1TestPK001", "dev-dyn-2",
                "a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|",
                "dev-dyn-2&a1TestPK001", "TokenFromPlatform0002");
            return record;
        }

        [TestMethod]
        public void Encode_DeviceSecret_MatchesLayout()
        {
            byte[] expected = TestBytes.FromHex(DeviceSecretRecordHex);
            byte[] buffer = TestBytes.Filled(expected.Length + 2, 0xEE);
            int length = SecretRecordFormat.Encode(DeviceSecretRecord(), 7, buffer, 1, expected.Length);
            Assert.AreEqual(73, length);
            Assert.AreEqual(TestBytes.ToHex(expected, 0, expected.Length), TestBytes.ToHex(buffer, 1, expected.Length));
            Assert.AreEqual((byte)0xEE, buffer[0]);
            Assert.AreEqual((byte)0xEE, buffer[expected.Length + 1]);
        }

        [TestMethod]
        public void Encode_DeviceToken_MatchesLayout()
        {
            byte[] expected = TestBytes.FromHex(DeviceTokenRecordHex);
            byte[] buffer = new byte[SecretRecordFormat.MaxLength];
            int length = SecretRecordFormat.Encode(DeviceTokenRecord(), 0xFFFFFFFF, buffer, 0, buffer.Length);
            Assert.AreEqual(204, length);
            Assert.AreEqual(TestBytes.ToHex(expected, 0, expected.Length), TestBytes.ToHex(buffer, 0, expected.Length));
        }

        [TestMethod]
        public void Encode_OneByteShort_BufferTooSmallAndNothingPastEnd()
        {
            byte[] buffer = TestBytes.Filled(73 + 1, 0xEE);
            int length = SecretRecordFormat.Encode(DeviceSecretRecord(), 7, buffer, 1, 72);
            Assert.AreEqual(ErrorCode.BufferTooSmall, length);
            Assert.AreEqual((byte)0xEE, buffer[0]);
            Assert.AreEqual((byte)0xEE, buffer[73]);
        }

        [TestMethod]
        public void Encode_LargerThanMaxLength_BufferTooSmall()
        {
            SecretRecord record = new SecretRecord();
            record.SetDeviceSecret("pk", "dn", new string('s', SecretRecordFormat.MaxLength));
            byte[] buffer = new byte[2 * SecretRecordFormat.MaxLength];
            Assert.AreEqual(ErrorCode.BufferTooSmall, SecretRecordFormat.Encode(record, 1, buffer, 0, buffer.Length));
        }

        [TestMethod]
        public void Encode_EmptyRecord_Throws()
        {
            byte[] buffer = new byte[100];
            Assert.ThrowsException(typeof(ArgumentException), () => SecretRecordFormat.Encode(new SecretRecord(), 1, buffer, 0, 100));
            Assert.ThrowsException(typeof(ArgumentNullException), () => SecretRecordFormat.Encode(null, 1, buffer, 0, 100));
        }

        [TestMethod]
        public void Decode_Layout_GivesRecord()
        {
            byte[] bytes = TestBytes.FromHex(DeviceTokenRecordHex);
            SecretRecord record = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, SecretRecordFormat.Decode(bytes, 0, bytes.Length, record));
            Assert.AreEqual((int)SecretKind.DeviceToken, (int)record.Kind);
            Assert.AreEqual(0xFFFFFFFFu, record.Sequence);
            Assert.AreEqual("a1TestPK001", record.ProductKey);
            Assert.AreEqual("dev-dyn-2", record.DeviceName);
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", record.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", record.Username);
            Assert.AreEqual("TokenFromPlatform0002", record.DeviceToken);
            Assert.IsNull(record.DeviceSecret);
        }

        [TestMethod]
        public void Validate_TrailingBytesAfterRecord_Ignored()
        {
            byte[] record = TestBytes.FromHex(DeviceSecretRecordHex);
            byte[] slot = TestBytes.Filled(record.Length + 50, 0x5A);
            Array.Copy(record, slot, record.Length);
            uint sequence;
            Assert.AreEqual(73, SecretRecordFormat.Validate(slot, 0, slot.Length, out sequence));
            Assert.AreEqual(7u, sequence);
        }

        [TestMethod]
        public void Validate_AnySingleByteCorrupted_Malformed()
        {
            byte[] bytes = TestBytes.FromHex(DeviceSecretRecordHex);
            for (int i = 0; i < bytes.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    bytes[i] ^= (byte)(1 << bit);
                    uint sequence;
                    Assert.AreEqual(ErrorCode.Malformed, SecretRecordFormat.Validate(bytes, 0, bytes.Length, out sequence), "byte " + i.ToString() + " bit " + bit.ToString());
                    Assert.AreEqual(0u, sequence);
                    bytes[i] ^= (byte)(1 << bit);
                }
            }
        }

        [TestMethod]
        public void Validate_EveryTruncation_Malformed()
        {
            byte[] bytes = TestBytes.FromHex(DeviceSecretRecordHex);
            for (int count = 0; count < bytes.Length; count++)
            {
                uint sequence;
                Assert.AreEqual(ErrorCode.Malformed, SecretRecordFormat.Validate(bytes, 0, count, out sequence), "count " + count.ToString());
            }
        }

        [TestMethod]
        public void Validate_UnknownVersion_Malformed()
        {
            // A later format version with an otherwise valid CRC is refused, not misread.
            byte[] bytes = TestBytes.FromHex(DeviceSecretRecordHex);
            bytes[4] = 2;
            Reseal(bytes);
            uint sequence;
            Assert.AreEqual(ErrorCode.Malformed, SecretRecordFormat.Validate(bytes, 0, bytes.Length, out sequence));
        }

        [TestMethod]
        public void Validate_FieldNotUtf8_Malformed()
        {
            // Found by fuzzing (tools/fuzz/regressions/secret): a record whose CRC holds but whose secret is not UTF-8
            // decoded into a secret with U+FFFD in it, which signs every CONNECT wrongly. It is refused like any other
            // bad slot, so the store falls back to the other one.
            byte[] bytes = TestBytes.FromHex(DeviceSecretRecordHex);
            bytes[37] = 0xC7;   // the secret's first byte: a 2-byte lead followed by '1', not a continuation byte
            Reseal(bytes);
            uint sequence;
            Assert.AreEqual(ErrorCode.Malformed, SecretRecordFormat.Validate(bytes, 0, bytes.Length, out sequence));
            SecretRecord record = DeviceTokenRecord();
            Assert.AreEqual(ErrorCode.Malformed, SecretRecordFormat.Decode(bytes, 0, bytes.Length, record));
            Assert.AreEqual("dev-dyn-2", record.DeviceName);
        }

        // Writes a valid CRC over the device-secret record's first 69 bytes, as a writer of the changed bytes would.
        private static void Reseal(byte[] bytes)
        {
            uint crc = Crc32.Compute(bytes, 0, 69);
            bytes[69] = (byte)crc;
            bytes[70] = (byte)(crc >> 8);
            bytes[71] = (byte)(crc >> 16);
            bytes[72] = (byte)(crc >> 24);
        }
    }
}
