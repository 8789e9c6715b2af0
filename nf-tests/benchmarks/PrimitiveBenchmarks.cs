using System.Text;
using BenchmarkDotNet.Attributes;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Benchmarks
{
    /// <summary>
    /// The primitives on the per-connect and per-message paths. [MemoryDiagnoser] reports allocated bytes per
    /// operation next to the time: every row should show "-" (nothing allocated).
    /// </summary>
    [MemoryDiagnoser]
    public class PrimitiveBenchmarks
    {
        private static readonly byte[] Key = Encoding.ASCII.GetBytes("ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe");
        private static readonly byte[] SignedString = Encoding.ASCII.GetBytes(
            "clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000");
        private static readonly byte[] Reply = Encoding.UTF8.GetBytes(
            "{\"code\":200,\"data\":{},\"id\":\"45\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");

        private readonly byte[] _kilobyte = new byte[1024];
        private readonly byte[] _digest = new byte[64];
        private readonly byte[] _output = new byte[512];
        private readonly Sha256 _sha256 = new Sha256();
        private readonly Hmac _hmacSha256 = new Hmac(new Sha256());
        private readonly Hmac _hmacSha1 = new Hmac(new Sha1());
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly JsonReader _reader = new JsonReader();

        [Benchmark]
        public int Sha256_1KiB() => _sha256.ComputeHash(_kilobyte, 0, _kilobyte.Length, _digest, 0);

        /// <summary>The C SDK 4.x style CONNECT password: HMAC-SHA256 then upper-case hex.</summary>
        [Benchmark]
        public int ConnectPassword_HmacSha256()
        {
            _hmacSha256.SetKey(Key, 0, Key.Length);
            int n = _hmacSha256.Compute(SignedString, 0, SignedString.Length, _digest, 0);
            return Hex.Encode(_digest, 0, n, _output, 0, true);
        }

        /// <summary>The Python SDK style CONNECT password: HMAC-SHA1 then lower-case hex.</summary>
        [Benchmark]
        public int ConnectPassword_HmacSha1()
        {
            _hmacSha1.SetKey(Key, 0, Key.Length);
            int n = _hmacSha1.Compute(SignedString, 0, SignedString.Length, _digest, 0);
            return Hex.Encode(_digest, 0, n, _output, 0, false);
        }

        /// <summary>Reads a property post reply token by token, matching names in place.</summary>
        [Benchmark]
        public long ReadReply()
        {
            _reader.Reset(Reply, 0, Reply.Length);
            long id = 0;
            int code = 0;
            while (_reader.Read())
            {
                if (_reader.TokenType != JsonTokenType.PropertyName) continue;
                if (_reader.ValueEquals("id") && _reader.Read()) _reader.TryGetInt64FromString(out id);
                else if (_reader.ValueEquals("code") && _reader.Read()) _reader.TryGetInt32(out code);
            }

            return id + code;
        }

        [Benchmark]
        public int FormatDouble() => NumberFormatter.WriteDouble(1013.25, _output, 0, _output.Length);

        private static readonly byte[] SensorValue = Encoding.ASCII.GetBytes("1013.25");

        [Benchmark]
        public double ParseDouble()
        {
            NumberParser.TryParseDouble(SensorValue, 0, SensorValue.Length, out double value);
            return value;
        }
    }
}
