using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Host.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Json
{
    /// <summary>
    /// Random documents written with JsonWriter must parse with System.Text.Json (JsonDocument) and give back
    /// exactly what was written: every string, name, number (to the bit) and structure.
    /// </summary>
    public class JsonWriterValidityTests
    {
        private abstract record Node;
        private sealed record Text(string Value) : Node;
        private sealed record Int(long Value) : Node;
        private sealed record UInt(ulong Value) : Node;
        private sealed record Double(double Value) : Node;
        private sealed record Single(float Value) : Node;
        private sealed record Literal(JsonValueKind Kind) : Node;
        private sealed record Array(List<Node> Items) : Node;
        private sealed record Object(List<KeyValuePair<string, Node>> Members) : Node;

        [Fact]
        public void RandomDocuments_ParseBackWithSystemTextJson()
        {
            var random = new Random(2026);
            var writer = new JsonWriter(16);
            var scratch = new JsonWriter(16);
            byte[] buffer = new byte[1 << 16];
            byte[] rawBuffer = new byte[1 << 16];
            for (int i = 0; i < 2_000; i++)
            {
                writer.Reset(buffer, 0, buffer.Length);
                Node document = Write(writer, random, 0, scratch, rawBuffer);
                Assert.Equal(0, writer.Error);
                Assert.True(writer.IsComplete);

                using JsonDocument parsed = JsonDocument.Parse(buffer.AsMemory(0, writer.Length));
                AssertSame(document, parsed.RootElement, Encoding.UTF8.GetString(buffer, 0, writer.Length));
            }
        }

        private static Node Write(JsonWriter w, Random random, int depth, JsonWriter scratch, byte[] rawBuffer)
        {
            int kind = random.Next(depth >= 8 ? 8 : 11);
            switch (kind)
            {
                case 0:
                {
                    string s = RandomText(random);
                    if (random.Next(2) == 0)
                    {
                        w.WriteString(s);
                    }
                    else
                    {
                        byte[] utf8 = Encoding.UTF8.GetBytes("~" + s + "~");
                        w.WriteString(utf8, 1, utf8.Length - 2);
                    }

                    return new Text(s);
                }
                case 1:
                {
                    long l = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
                    if (random.Next(2) == 0)
                    {
                        w.WriteNumber((int)l);
                        return new Int((int)l);
                    }

                    w.WriteNumber(l);
                    return new Int(l);
                }
                case 2:
                {
                    ulong u = (ulong)random.NextInt64(long.MinValue, long.MaxValue);
                    w.WriteNumber(u);
                    return new UInt(u);
                }
                case 3:
                {
                    double d = random.Next(2) == 0
                        ? Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 13)), random.Next(7))
                        : FiniteDouble(random);
                    w.WriteNumber(d);
                    return new Double(d);
                }
                case 4:
                {
                    float f = random.Next(2) == 0
                        ? (float)Math.Round((random.NextDouble() - 0.5) * 2000, random.Next(4))
                        : (float)FiniteDouble(random) is var g && float.IsFinite(g) ? g : 1.5f;
                    w.WriteNumber(f);
                    return new Single(f);
                }
                case 5:
                    w.WriteBoolean(true);
                    return new Literal(JsonValueKind.True);
                case 6:
                    w.WriteBoolean(false);
                    return new Literal(JsonValueKind.False);
                case 7:
                    w.WriteNull();
                    return new Literal(JsonValueKind.Null);
                case 8:
                {
                    w.WriteStartArray();
                    var items = new List<Node>();
                    for (int n = random.Next(6); n > 0; n--)
                    {
                        items.Add(Write(w, random, depth + 1, scratch, rawBuffer));
                    }

                    w.WriteEndArray();
                    return new Array(items);
                }
                case 9:
                {
                    w.WriteStartObject();
                    var members = new List<KeyValuePair<string, Node>>();
                    for (int n = random.Next(6); n > 0; n--)
                    {
                        string name = RandomText(random);
                        if (random.Next(2) == 0)
                        {
                            w.WritePropertyName(name);
                        }
                        else
                        {
                            byte[] utf8 = Encoding.UTF8.GetBytes(name);
                            w.WritePropertyName(utf8, 0, utf8.Length);
                        }

                        members.Add(new KeyValuePair<string, Node>(name, Write(w, random, depth + 1, scratch, rawBuffer)));
                    }

                    w.WriteEndObject();
                    return new Object(members);
                }
                default:
                {
                    // A subtree serialised on its own, then inserted raw (the envelope use).
                    scratch.Reset(rawBuffer, 0, rawBuffer.Length);
                    Node inner = Write(scratch, random, depth + 1, new JsonWriter(16), new byte[1 << 14]);
                    Assert.True(scratch.IsComplete);
                    w.WriteRawValue(rawBuffer, 0, scratch.Length);
                    return inner;
                }
            }
        }

        private static double FiniteDouble(Random random)
        {
            while (true)
            {
                double d = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
                if (double.IsFinite(d))
                {
                    return d;
                }
            }
        }

        /// <summary>Random text rich in what JSON must escape: quotes, backslashes, every control character.</summary>
        private static string RandomText(Random random)
        {
            var builder = new StringBuilder();
            for (int n = random.Next(0, 12); n > 0; n--)
            {
                switch (random.Next(4))
                {
                    case 0: builder.Append((char)random.Next(0, 0x20)); break;
                    case 1: builder.Append("\"\\/\u007F\u2028"[random.Next(5)]); break;
                    default: builder.Append(Utf8InteropTests.RandomString(random, 1)); break;
                }
            }

            return builder.ToString();
        }

        private static void AssertSame(Node expected, JsonElement actual, string json)
        {
            switch (expected)
            {
                case Text t:
                    Assert.Equal(JsonValueKind.String, actual.ValueKind);
                    Assert.Equal(t.Value, actual.GetString());
                    break;
                case Int i:
                    Assert.Equal(i.Value, actual.GetInt64());
                    break;
                case UInt u:
                    Assert.Equal(u.Value, actual.GetUInt64());
                    break;
                case Double d:
                {
                    string raw = actual.GetRawText();
                    Assert.True(raw.Contains('.') || raw.Contains('e'), raw);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(d.Value), BitConverter.DoubleToInt64Bits(actual.GetDouble()));
                    break;
                }
                case Single f:
                {
                    string raw = actual.GetRawText();
                    Assert.True(raw.Contains('.') || raw.Contains('e'), raw);
                    float back = float.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                    Assert.Equal(BitConverter.SingleToInt32Bits(f.Value), BitConverter.SingleToInt32Bits(back));
                    break;
                }
                case Literal l:
                    Assert.Equal(l.Kind, actual.ValueKind);
                    break;
                case Array a:
                {
                    Assert.Equal(JsonValueKind.Array, actual.ValueKind);
                    Assert.Equal(a.Items.Count, actual.GetArrayLength());
                    int k = 0;
                    foreach (JsonElement item in actual.EnumerateArray())
                    {
                        AssertSame(a.Items[k++], item, json);
                    }

                    break;
                }
                case Object o:
                {
                    Assert.Equal(JsonValueKind.Object, actual.ValueKind);
                    int k = 0;
                    foreach (JsonProperty property in actual.EnumerateObject())
                    {
                        Assert.Equal(o.Members[k].Key, property.Name);
                        AssertSame(o.Members[k].Value, property.Value, json);
                        k++;
                    }

                    Assert.Equal(o.Members.Count, k);
                    break;
                }
                default:
                    throw new InvalidOperationException(json);
            }
        }
    }
}
