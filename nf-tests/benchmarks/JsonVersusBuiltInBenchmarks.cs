using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Benchmarks
{
    /// <summary>
    /// The SDK's JSON writer and reader beside .NET's Utf8JsonWriter and Utf8JsonReader doing the same work on the
    /// same bytes: a property post built, a property set read (id, a number, a string). The ratio column is the figure
    /// to watch; both sides must allocate nothing.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class JsonVersusBuiltInBenchmarks
    {
        private static readonly byte[] SetPayload = Encoding.UTF8.GetBytes(
            "{\"method\":\"thing.service.property.set\",\"id\":\"1796512546\",\"params\":{\"LightSwitch\":0,\"color\":\"blue\"},\"version\":\"1.0\"}");
        private static readonly byte[] Blue = Encoding.UTF8.GetBytes("blue");

        private readonly byte[] _output = new byte[512];
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly JsonReader _reader = new JsonReader();
        private readonly ArrayBufferWriter<byte> _builtInOutput = new ArrayBufferWriter<byte>(512);
        private readonly Utf8JsonWriter _builtInWriter;

        public JsonVersusBuiltInBenchmarks()
        {
            _builtInWriter = new Utf8JsonWriter(_builtInOutput);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("property post build")]
        public int Post_Utf8JsonWriter()
        {
            _builtInOutput.ResetWrittenCount();
            _builtInWriter.Reset(_builtInOutput);
            _builtInWriter.WriteStartObject();
            _builtInWriter.WriteString("id", "17");
            _builtInWriter.WriteString("version", "1.0");
            _builtInWriter.WriteStartObject("params");
            _builtInWriter.WriteNumber("Temperature", 23.5);
            _builtInWriter.WriteBoolean("LightSwitch", true);
            _builtInWriter.WriteEndObject();
            _builtInWriter.WriteString("method", "thing.event.property.post");
            _builtInWriter.WriteEndObject();
            _builtInWriter.Flush();
            return _builtInOutput.WrittenCount;
        }

        [Benchmark, BenchmarkCategory("property post build")]
        public int Post_LinkKitJsonWriter()
        {
            _writer.Reset(_output, 0, _output.Length);
            _writer.WriteStartObject();
            _writer.WriteString("id", "17");
            _writer.WriteString("version", "1.0");
            _writer.WritePropertyName("params");
            _writer.WriteStartObject();
            _writer.WriteNumber("Temperature", 23.5);
            _writer.WriteBoolean("LightSwitch", true);
            _writer.WriteEndObject();
            _writer.WriteString("method", "thing.event.property.post");
            _writer.WriteEndObject();
            return _writer.Length;
        }

        [Benchmark(Baseline = true), BenchmarkCategory("property set read")]
        public long Set_Utf8JsonReader()
        {
            var reader = new Utf8JsonReader(SetPayload);
            long id = 0;
            int light = -1;
            bool blue = false;
            while (reader.Read())
            {
                if (reader.TokenType != System.Text.Json.JsonTokenType.PropertyName) continue;
                if (reader.ValueTextEquals("id") && reader.Read()) long.TryParse(reader.ValueSpan, out id);
                else if (reader.ValueTextEquals("LightSwitch") && reader.Read()) reader.TryGetInt32(out light);
                else if (reader.ValueTextEquals("color") && reader.Read()) blue = reader.ValueTextEquals(Blue);
            }
            return id + light + (blue ? 1 : 0);
        }

        [Benchmark, BenchmarkCategory("property set read")]
        public long Set_LinkKitJsonReader()
        {
            _reader.Reset(SetPayload, 0, SetPayload.Length);
            long id = 0;
            int light = -1;
            bool blue = false;
            while (_reader.Read())
            {
                if (_reader.TokenType != LinkKit.Nano.Json.JsonTokenType.PropertyName) continue;
                if (_reader.ValueEquals("id") && _reader.Read()) _reader.TryGetInt64FromString(out id);
                else if (_reader.ValueEquals("LightSwitch") && _reader.Read()) _reader.TryGetInt32(out light);
                else if (_reader.ValueEquals("color") && _reader.Read()) blue = _reader.ValueEquals("blue");
            }
            return id + light + (blue ? 1 : 0);
        }
    }
}
