using LinkKit.Nano.Json;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Json
{
    public class JsonWriterAllocationTests
    {
        [Fact]
        public void PropertyPostEnvelope_AllocatesNothing()
        {
            var writer = new JsonWriter();
            byte[] buffer = new byte[512];
            byte[] name = System.Text.Encoding.UTF8.GetBytes("Humidity");
            byte[] raw = System.Text.Encoding.UTF8.GetBytes("{\"level\":3}");
            Allocations.AssertZero("JsonWriter property post", () =>
            {
                writer.Reset(buffer, 0, buffer.Length);
                writer.WriteStartObject();
                writer.WriteString("id", "17");
                writer.WriteString("version", "1.0");
                writer.WritePropertyName("params");
                writer.WriteStartObject();
                writer.WriteNumber("Temperature", 23.5);
                writer.WriteNumber("Pressure", 1013.25f);
                writer.WriteNumber("Count", 42);
                writer.WriteNumber("Timestamp", 1700000000000L);
                writer.WriteNumber("Serial", 18446744073709551615UL);
                writer.WriteBoolean("LightSwitch", true);
                writer.WritePropertyName(name, 0, name.Length);
                writer.WriteNumber(0.1);
                writer.WriteString("Status", "caf\u00E9 \"ok\"\n\uD83D\uDE00");
                writer.WritePropertyName("Alarm");
                writer.WriteRawValue(raw, 0, raw.Length);
                writer.WritePropertyName("List");
                writer.WriteStartArray();
                writer.WriteNull();
                writer.WriteString(name, 0, name.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteString("method", "thing.event.property.post");
                writer.WriteEndObject();
                Assert.True(writer.IsComplete);
            });
        }

        [Fact]
        public void FailedWrites_AllocateNothing()
        {
            var writer = new JsonWriter();
            byte[] buffer = new byte[8];
            Allocations.AssertZero("JsonWriter failures", () =>
            {
                writer.Reset(buffer, 0, buffer.Length);
                writer.WriteStartObject();
                writer.WriteNumber(1);                  // misuse: sticky Malformed
                writer.Reset(buffer, 0, buffer.Length);
                writer.WriteString("much too long for eight bytes");
                writer.Reset(buffer, 0, buffer.Length);
                writer.WriteNumber(double.NaN);
                Assert.True(writer.Error == ErrorCode.NotFinite); // not Assert.Equal: its comparer allocates
            });
        }
    }
}
