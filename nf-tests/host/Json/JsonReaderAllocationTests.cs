using System.Text;
using LinkKit.Nano.Text;
using Xunit;
using NanoReader = LinkKit.Nano.Json.JsonReader;
using NanoToken = LinkKit.Nano.Json.JsonTokenType;

namespace LinkKit.Nano.Tests.Host.Json
{
    /// <summary>Reading messages in place allocates nothing: every operation a handler uses, measured by the GC's own counter.</summary>
    public sealed class JsonReaderAllocationTests
    {
        private static readonly byte[] s_reply = Encoding.UTF8.GetBytes(
            "{\"code\":200,\"data\":{},\"id\":\"45\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");

        private static readonly byte[] s_propertySet = Encoding.UTF8.GetBytes(
            "{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1,"
            + "\"Color\":{\"R\":255,\"G\":128,\"B\":0},\"Schedule\":[{\"at\":\"08:00\",\"on\":true},{\"at\":\"22:30\",\"on\":false}],"
            + "\"Label\":\"Lab \\\"A\\\" \\u00e9\\uD83D\\uDE00\",\"Note\":null},\"version\":\"1.0.0\"}");

        private static readonly byte[] s_methodBytes = Encoding.UTF8.GetBytes("thing.event.property.post");

        [Fact]
        public void ReadingAnAlinkReply_TokenByToken_AllocatesNothing()
        {
            var reader = new NanoReader();
            int checksum = 0;
            Allocations.AssertZero("Alink reply, token by token", () =>
            {
                reader.Reset(s_reply, 0, s_reply.Length);
                while (reader.Read())
                {
                    if (reader.TokenType != NanoToken.PropertyName) continue;
                    if (reader.ValueEquals("code"))
                    {
                        reader.Read();
                        if (reader.TryGetInt32(out int code) == ErrorCode.Ok) checksum += code;
                    }
                    else if (reader.ValueEquals("id"))
                    {
                        reader.Read();
                        if (reader.TryGetInt64FromString(out long id) == ErrorCode.Ok) checksum += (int)id;
                    }
                    else if (reader.ValueEquals("method"))
                    {
                        reader.Read();
                        if (reader.ValueEquals(s_methodBytes, 0, s_methodBytes.Length)) checksum++;
                    }
                    else if (reader.ValueEquals("data"))
                    {
                        reader.Skip();
                    }
                }

                if (reader.Error != ErrorCode.Ok) checksum = int.MinValue;
            });
            Assert.Equal(1050 * (200 + 45 + 1), checksum);   // warm-up + measured runs all read every value
        }

        [Fact]
        public void ReadingAPropertySet_WithMoveToPropertySkipAndCopyString_AllocatesNothing()
        {
            var reader = new NanoReader();
            byte[] label = new byte[64];
            double sum = 0;
            Allocations.AssertZero("property set, navigated", () =>
            {
                reader.Reset(s_propertySet, 0, s_propertySet.Length);
                reader.Read();
                reader.MoveToProperty("params");
                reader.MoveToProperty("temperature");
                reader.TryGetDouble(out double temperature);
                reader.MoveToProperty("LightSwitch");
                reader.TryGetInt32(out int lightSwitch);
                reader.MoveToProperty("Schedule");
                reader.Read();                                   // the first entry
                reader.MoveToProperty("on");
                reader.TryGetBoolean(out bool on);
                reader.Read();                                   // the first entry's end
                reader.Read();                                   // the second entry's start
                reader.Skip();                                   // ... to its end
                reader.Read();                                   // the end of Schedule
                reader.MoveToProperty("Label");
                int length = reader.CopyString(label, 0, label.Length);
                reader.MoveToProperty("Note");
                bool ok = reader.Error == ErrorCode.Ok && reader.TokenType == NanoToken.Null;
                sum += ok ? temperature + lightSwitch + (on ? 1 : 0) + length : double.NaN;
            });
            Assert.Equal(1050 * (30.5 + 1 + 1 + 14), sum);       // Lab "A" é😀: 8 + 2 + 4 bytes of UTF-8
        }

        [Fact]
        public void NumberParser_EveryPath_AllocatesNothing()
        {
            byte[] integer = Encoding.ASCII.GetBytes("-9223372036854775808");
            byte[] fast = Encoding.ASCII.GetBytes("30.5");
            byte[] approximated = Encoding.ASCII.GetBytes("2.2250738585072014e-308");
            byte[] halfway = Encoding.ASCII.GetBytes("1.00000000000000011102230246251565404236316680908203125");  // needs the exact comparison
            double sum = 0;
            Allocations.AssertZero("NumberParser", () =>
            {
                NumberParser.TryParseInt64(integer, 0, integer.Length, out long l);
                NumberParser.TryParseInt32(fast, 0, 2, out int i);
                NumberParser.TryParseDouble(fast, 0, fast.Length, out double a);
                NumberParser.TryParseDouble(approximated, 0, approximated.Length, out double b);
                NumberParser.TryParseDouble(halfway, 0, halfway.Length, out double c);
                sum += l + i + a + b + c;
            });
            Assert.True(sum != 0);
        }
    }
}
