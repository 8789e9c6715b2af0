using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;
using NanoReader = LinkKit.Nano.Json.JsonReader;
using NanoToken = LinkKit.Nano.Json.JsonTokenType;

namespace LinkKit.Nano.Tests.Host.Json
{
    /// <summary>
    /// Randomised robustness: valid documents written by System.Text.Json, the same documents mutated (byte
    /// flips, insertions, deletions, truncations, moved segments), and random bytes. Each input is read
    /// (1) from the middle of a larger buffer between guard bytes, (2) from an array that ends exactly where
    /// the input ends (an over-read throws), and (3) with Skip() from the start. The reader must never throw,
    /// never report a token or error outside the slice, give the same result in all three runs, and accept
    /// exactly what System.Text.Json accepts (reading every token and converting every string, which is where
    /// STJ checks UTF-8 and surrogates), with the same tokens.
    /// </summary>
    public sealed class JsonReaderFuzzTests
    {
        private const int Seed = 4242;
        private const int Inputs = 200_000;
        private const int MaxDepth = 64;                          // the same limit on both readers

        // Bytes that change a JSON reader's path: structure, escapes, digits, literal letters, whitespace, and
        // the UTF-8 lead and continuation bytes at the edges of Unicode's well-formed ranges.
        private static readonly byte[] s_interesting =
            Encoding.ASCII.GetBytes("{}[]\",:\\0123456789-+.eEtrufalsn \n\t/u\x00\x1F\x7F")
            .Concat(new byte[] { 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF }).ToArray();

        private readonly ITestOutputHelper _output;

        public JsonReaderFuzzTests(ITestOutputHelper output) { _output = output; }

        [Fact]
        public void RandomInputs_StayInTheSlice_AndAgreeWithSystemTextJson()
        {
            var random = new Random(Seed);
            var reader = new NanoReader(MaxDepth);
            int valid = 0, mutated = 0, noise = 0, bothAccept = 0, bothReject = 0, depthErrors = 0;
            var disagreements = new List<string>();
            for (int i = 0; i < Inputs; i++)
            {
                int kind = random.Next(10);
                byte[] input;
                if (kind == 0) { input = RandomDocument(random); valid++; }
                else if (kind < 8) { input = Mutate(random, RandomDocument(random)); mutated++; }
                else { input = RandomBytes(random); noise++; }

                (string Tokens, string Error) mine;
                try
                {
                    mine = ReadBetweenGuards(reader, input, random);
                    var exact = ReadExact(reader, input);
                    Assert.True(mine == exact, "guarded and exact-end runs differ for " + Hex(input) + "\n" + mine + "\n" + exact);
                    CheckSkip(reader, input, mine.Error);
                }
                catch (Exception e) when (!(e is Xunit.Sdk.XunitException))
                {
                    throw new Exception("input #" + i + " (seed " + Seed + "): " + Hex(input), e);
                }

                string theirs = ReadWithSystemTextJson(input);
                bool iAccept = mine.Error.Length == 0;
                bool theyAccept = theirs != null;
                if (iAccept && theyAccept && mine.Tokens != theirs) disagreements.Add("tokens differ: " + Hex(input) + "\n  mine:   " + mine.Tokens + "\n  theirs: " + theirs);
                else if (iAccept != theyAccept) disagreements.Add((iAccept ? "only I accept: " : "only STJ accepts: ") + Hex(input) + " -> " + mine.Tokens + mine.Error);
                else if (iAccept) bothAccept++;
                else bothReject++;
                if (mine.Error.StartsWith("-3@")) depthErrors++;
            }

            _output.WriteLine($"seed {Seed}: {Inputs} inputs ({valid} valid documents, {mutated} mutated, {noise} random bytes); " +
                $"both accept {bothAccept}, both reject {bothReject} ({depthErrors} for depth), disagreements {disagreements.Count}");
            foreach (string d in disagreements.GetRange(0, Math.Min(20, disagreements.Count))) _output.WriteLine(d);
            Assert.Empty(disagreements);
        }

        /// <summary>Reads input placed between 1..8 guard bytes each side; returns the token text (offsets relative to the slice).</summary>
        private static (string Tokens, string Error) ReadBetweenGuards(NanoReader reader, byte[] input, Random random)
        {
            int before = random.Next(1, 9);
            int after = random.Next(1, 9);
            byte guard = s_interesting[random.Next(s_interesting.Length)];
            byte[] buffer = new byte[before + input.Length + after];
            buffer.AsSpan().Fill(guard);
            input.CopyTo(buffer, before);
            reader.Reset(buffer, before, input.Length);
            return Describe(reader, before, input.Length);
        }

        private static (string Tokens, string Error) ReadExact(NanoReader reader, byte[] input)
        {
            byte[] copy = (byte[])input.Clone();
            reader.Reset(copy, 0, copy.Length);
            return Describe(reader, 0, copy.Length);
        }

        /// <summary>Skip() from the start then Read() to the end must end with the same error as reading every token.</summary>
        private static void CheckSkip(NanoReader reader, byte[] input, string error)
        {
            reader.Reset(input, 0, input.Length);
            bool skipped = reader.Skip();
            Assert.True(skipped == (reader.Error == ErrorCode.Ok), "Skip's result and Error disagree on " + Hex(input));
            while (reader.Read()) { }
            Assert.Equal(error, reader.Error == ErrorCode.Ok ? "" : reader.Error + "@" + reader.ErrorOffset);
        }

        /// <summary>The tokens as text, and the error as "code@offset" relative to the slice ("" without one).</summary>
        private static (string Tokens, string Error) Describe(NanoReader reader, int start, int count)
        {
            var text = new StringBuilder();
            while (reader.Read())
            {
                Assert.InRange(reader.ValueOffset, start, start + count);
                Assert.InRange(reader.ValueOffset + reader.ValueLength, start, start + count);
                switch (reader.TokenType)
                {
                    case NanoToken.StartObject: text.Append('{'); break;
                    case NanoToken.EndObject: text.Append('}'); break;
                    case NanoToken.StartArray: text.Append('['); break;
                    case NanoToken.EndArray: text.Append(']'); break;
                    case NanoToken.PropertyName: text.Append("P:").Append(CheckedString(reader)); break;
                    case NanoToken.String: text.Append("S:").Append(CheckedString(reader)); break;
                    case NanoToken.Number: text.Append("N:").Append(Encoding.ASCII.GetString(reader.Buffer, reader.ValueOffset, reader.ValueLength)); break;
                    case NanoToken.True: text.Append("true"); break;
                    case NanoToken.False: text.Append("false"); break;
                    case NanoToken.Null: text.Append("null"); break;
                }

                text.Append(' ');
            }

            Assert.Equal(NanoToken.None, reader.TokenType);
            if (reader.Error == ErrorCode.Ok) return (text.ToString(), "");
            Assert.InRange(reader.ErrorOffset, start, start + count);
            return (text.ToString(), reader.Error + "@" + (reader.ErrorOffset - start));
        }

        /// <summary>The string value, after checking that GetString, CopyString and both ValueEquals agree on it.</summary>
        private static string CheckedString(NanoReader reader)
        {
            string value = reader.GetString();
            byte[] utf8 = new UTF8Encoding(false, true).GetBytes(value);   // throws on a lone surrogate
            byte[] copy = new byte[utf8.Length + 2];
            Assert.Equal(utf8.Length, reader.CopyString(copy, 1, utf8.Length));
            Assert.True(copy.AsSpan(1, utf8.Length).SequenceEqual(utf8));
            if (utf8.Length > 0) Assert.Equal(ErrorCode.BufferTooSmall, reader.CopyString(copy, 1, utf8.Length - 1));
            Assert.True(reader.ValueEquals(value));
            Assert.True(reader.ValueEquals(utf8, 0, utf8.Length));
            if (!reader.ValueIsEscaped) Assert.Equal(utf8.Length, reader.ValueLength);
            return value;
        }

        /// <summary>The token text System.Text.Json gives, in the same format; null when it rejects the input.</summary>
        private static string ReadWithSystemTextJson(byte[] input)
        {
            var options = new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };
            var reader = new Utf8JsonReader(input, options);
            var text = new StringBuilder();
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject: text.Append('{'); break;
                        case JsonTokenType.EndObject: text.Append('}'); break;
                        case JsonTokenType.StartArray: text.Append('['); break;
                        case JsonTokenType.EndArray: text.Append(']'); break;
                        case JsonTokenType.PropertyName: text.Append("P:").Append(reader.GetString()); break;
                        case JsonTokenType.String: text.Append("S:").Append(reader.GetString()); break;
                        case JsonTokenType.Number: text.Append("N:").Append(Encoding.ASCII.GetString(reader.ValueSpan)); break;
                        case JsonTokenType.True: text.Append("true"); break;
                        case JsonTokenType.False: text.Append("false"); break;
                        case JsonTokenType.Null: text.Append("null"); break;
                        default: throw new Xunit.Sdk.XunitException("unexpected STJ token " + reader.TokenType);
                    }

                    text.Append(' ');
                }
            }
            catch (JsonException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;                                      // GetString: invalid UTF-8 or a lone surrogate escape
            }

            return text.ToString();
        }

        /// <summary>A random valid document written by Utf8JsonWriter (sometimes indented, sometimes with raw UTF-8).</summary>
        private static byte[] RandomDocument(Random random)
        {
            var stream = new MemoryStream();
            var options = new JsonWriterOptions
            {
                Indented = random.Next(4) == 0,
                Encoder = random.Next(2) == 0 ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
                SkipValidation = false,
            };
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                // One document in twenty is wrapped in containers to about the depth limit, either side of it.
                int deep = random.Next(20) == 0 ? random.Next(MaxDepth - 4, MaxDepth + 3) : 0;
                bool[] isObject = new bool[deep];
                for (int i = 0; i < deep; i++)
                {
                    isObject[i] = random.Next(2) == 0;
                    if (!isObject[i]) writer.WriteStartArray();
                    else
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName(RandomText(random));
                    }
                }

                WriteValue(writer, random, random.Next(1, 5));
                for (int i = deep - 1; i >= 0; i--)
                {
                    if (isObject[i]) writer.WriteEndObject();
                    else writer.WriteEndArray();
                }
            }

            return stream.ToArray();
        }

        private static void WriteValue(Utf8JsonWriter writer, Random random, int budget)
        {
            int kind = budget <= 0 ? random.Next(2, 8) : random.Next(8);
            switch (kind)
            {
                case 0:
                    writer.WriteStartObject();
                    for (int n = random.Next(4); n > 0; n--)
                    {
                        writer.WritePropertyName(RandomText(random));
                        WriteValue(writer, random, budget - 1);
                    }

                    writer.WriteEndObject();
                    break;
                case 1:
                    writer.WriteStartArray();
                    for (int n = random.Next(4); n > 0; n--) WriteValue(writer, random, budget - 1);
                    writer.WriteEndArray();
                    break;
                case 2:
                case 3:
                    writer.WriteStringValue(RandomText(random));
                    break;
                case 4:
                    writer.WriteNumberValue(random.Next(3) == 0 ? random.NextInt64() - long.MaxValue / 2 : random.Next(-1000, 100000));
                    break;
                case 5:
                    writer.WriteRawValue(RandomNumberText(random));   // exponents, fractions, -0 ... (validated by the writer)
                    break;
                case 6:
                    writer.WriteBooleanValue(random.Next(2) == 0);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        private static string RandomNumberText(Random random)
        {
            var text = new StringBuilder();
            if (random.Next(3) == 0) text.Append('-');
            text.Append(random.Next(4) == 0 ? "0" : random.Next(1, 1000000).ToString());
            if (random.Next(2) == 0) text.Append('.').Append(random.Next(0, 100000));
            if (random.Next(3) == 0) text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(new[] { "", "+", "-" }[random.Next(3)]).Append(random.Next(0, 400));
            return text.ToString();
        }

        /// <summary>Text with ASCII, characters JSON must escape, 2- and 3-byte UTF-8 and surrogate pairs.</summary>
        private static string RandomText(Random random)
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 8); n > 0; n--)
            {
                switch (random.Next(8))
                {
                    case 0: text.Append("\"\\/\b\f\n\r\t\u0001\u001F"[random.Next(10)]); break;
                    case 1: text.Append((char)random.Next(0x80, 0x800)); break;
                    case 2: text.Append((char)random.Next(0x800, 0xD800)); break;
                    case 3: text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
                    case 4: text.Append((char)random.Next(0xE000, 0x10000)); break;
                    default: text.Append((char)random.Next(0x20, 0x7F)); break;
                }
            }

            return text.ToString();
        }

        private static byte[] Mutate(Random random, byte[] document)
        {
            var bytes = new List<byte>(document);
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                int at = random.Next(bytes.Count + 1);
                switch (random.Next(6))
                {
                    case 0:
                    case 1:
                        if (at < bytes.Count) bytes[at] = RandomByte(random);
                        break;
                    case 2:
                        bytes.Insert(at, RandomByte(random));
                        break;
                    case 3:
                        if (at < bytes.Count) bytes.RemoveAt(at);
                        break;
                    case 4:
                        bytes.RemoveRange(at, bytes.Count - at);       // truncation
                        break;
                    default:
                        int length = random.Next(0, Math.Min(8, bytes.Count - at) + 1);
                        bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                        break;
                }
            }

            return bytes.ToArray();
        }

        private static byte[] RandomBytes(Random random)
        {
            byte[] bytes = new byte[random.Next(0, 40)];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = RandomByte(random);
            return bytes;
        }

        private static byte RandomByte(Random random)
        {
            return random.Next(3) == 0 ? (byte)random.Next(256) : s_interesting[random.Next(s_interesting.Length)];
        }

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
    }
}
