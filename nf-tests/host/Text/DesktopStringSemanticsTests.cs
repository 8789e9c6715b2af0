using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Text;
using LinkKit.Nano.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Text
{
    /// <summary>
    /// Strings only desktop .NET can hold. On nanoFramework a string is UTF-8 that ends at its first U+0000, so a lone
    /// surrogate (stored as U+FFFD) or an embedded NUL never reaches the SDK there; on desktop both do, and the SDK must
    /// refuse or escape them. Each test says in one line why it cannot run on nanoCLR.
    /// </summary>
    public sealed class DesktopStringSemanticsTests
    {
        // Lone surrogates: nanoCLR turns each into U+FFFD, a valid character, so the strings below would encode there.
        private static readonly string[] LoneSurrogates =
        {
            "\uD83D",          // high surrogate alone
            "\uDE00",          // low surrogate alone
            "a\uD83D",         // high surrogate at the end
            "\uD83Da",         // high surrogate followed by a non-surrogate
            "\uDE00\uD83D",    // a pair in the wrong order
        };

        [Fact] // a lone surrogate cannot exist on nanoCLR
        public void Utf8_GetByteCount_LoneSurrogate_Malformed()
        {
            foreach (string s in LoneSurrogates) Assert.Equal(ErrorCode.Malformed, Utf8.GetByteCount(s));
        }

        [Fact] // a lone surrogate cannot exist on nanoCLR
        public void Utf8_Encode_LoneSurrogate_MalformedAndWritesNothing()
        {
            byte[] buffer = TestBuffers.Filled(8);
            Assert.Equal(ErrorCode.Malformed, Utf8.Encode("ab\uD83D", buffer, 0, 8));
            TestBuffers.AssertUntouched(buffer, 0, buffer.Length);
        }

        [Fact] // on nanoCLR "\uDE00" is U+FFFD, which EF BF BD does encode
        public void Utf8_Equals_LoneSurrogate_False()
        {
            Assert.False(Utf8.Equals(new byte[] { 0xED, 0xA0, 0x80 }, 0, 3, "\uD800"));
            Assert.False(Utf8.Equals(new byte[] { 0xEF, 0xBF, 0xBD }, 0, 3, "\uDE00"));
        }

        [Fact] // a lone surrogate cannot exist on nanoCLR (and attribute data cannot carry one either: it is stored as UTF-8)
        public void JsonWriter_LoneSurrogate_Malformed()
        {
            foreach (string value in new[] { "\uD83D", "ab\uDE00" })
            {
                var writer = new JsonWriter();
                writer.Reset(new byte[16], 0, 16);
                writer.WriteStartArray();
                writer.WriteString(value);
                Assert.Equal(ErrorCode.Malformed, writer.Error);
                Assert.Equal(1, writer.Length);

                writer.Reset(new byte[16], 0, 16);
                writer.WriteStartObject();
                writer.WritePropertyName(value);
                Assert.Equal(ErrorCode.Malformed, writer.Error);
            }
        }

        [Fact] // on nanoCLR the string ends at the NUL, so there is nothing after it to escape
        public void JsonWriter_Nul_IsEscaped()
        {
            var writer = new JsonWriter();
            byte[] buffer = new byte[32];
            writer.Reset(buffer, 0, buffer.Length);
            writer.WriteString("\u0000\u0001");
            Assert.Equal("\"\\u0000\\u0001\"", System.Text.Encoding.ASCII.GetString(buffer, 0, writer.Length));
        }

        [Fact] // on nanoCLR the decoded string ends at the NUL it starts with
        public void JsonReader_EscapedNul_IsDecoded()
        {
            byte[] json = System.Text.Encoding.ASCII.GetBytes("\"\\u0000\"");
            var reader = new JsonReader();
            reader.Reset(json, 0, json.Length);
            Assert.True(reader.Read());
            Assert.Equal("\u0000", reader.GetString());
            Assert.True(reader.ValueEquals("\u0000"));
        }

        [Fact] // a lone surrogate cannot exist on nanoCLR
        public void Client_Publish_LoneSurrogate_IsInvalidTopic()
        {
            var transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                Assert.Equal(ErrorCode.InvalidTopic, client.Publish("/a/\ud800", null, 0, 0, 0, out _));
                Assert.Equal(0, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }
    }
}
