using System.Text.Encodings.Web;
using System.Text.Json;

namespace LinkKit.Emulator.Alink;

/// <summary>Builds the JSON the emulator sends, with keys in the order the platform uses (docs/test-vectors.md, The Python SDK wire capture).</summary>
public static class AlinkJson
{
    /// <summary>Non-ASCII (e.g. Chinese shadow error texts) is written as UTF-8, not as \u escapes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return buffer.ToArray();
    }

    /// <summary>
    /// An Alink reply: <c>{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}</c>.
    /// <paramref name="id"/> is echoed as received (string or number); <paramref name="dataJson"/> is raw JSON.
    /// </summary>
    public static byte[] Reply(JsonElement? id, int code, string message, string? method, string dataJson = "{}") => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WritePropertyName("data");
        w.WriteRawValue(dataJson);
        w.WritePropertyName("id");
        if (id is { ValueKind: JsonValueKind.String or JsonValueKind.Number } i) i.WriteTo(w);
        else w.WriteStringValue("");
        w.WriteString("message", message);
        if (method != null) w.WriteString("method", method);
        w.WriteString("version", "1.0");
        w.WriteEndObject();
    });

    /// <summary>A cloud request: <c>{"method":"thing.service.property.set","id":"100001","params":{…},"version":"1.0"}</c>.</summary>
    public static byte[] Request(string method, string id, string paramsJson) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", method);
        w.WriteString("id", id);
        w.WritePropertyName("params");
        w.WriteRawValue(paramsJson);
        w.WriteString("version", "1.0");
        w.WriteEndObject();
    });

    /// <summary>
    /// A cloud push in the key order of the platform's documented samples,
    /// <c>{"id":"…","version":"1.0","params":{…},"method":"thing.config.push"}</c> (configuration, log switch, bootstrap notify).
    /// </summary>
    public static byte[] Push(string method, string id, string paramsJson) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("version", "1.0");
        w.WritePropertyName("params");
        w.WriteRawValue(paramsJson);
        w.WriteString("method", method);
        w.WriteEndObject();
    });

    /// <summary>The device-auth listener's success: <c>{"code":200,"data":{…},"message":"success"}</c>, <paramref name="writeData"/> writing data's members.</summary>
    public static byte[] HttpSuccess(Action<Utf8JsonWriter> writeData) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", 200);
        w.WriteStartObject("data");
        writeData(w);
        w.WriteEndObject();
        w.WriteString("message", "success");
        w.WriteEndObject();
    });

    /// <summary>The device-auth listener's refusal, <c>{"code":n,"message":…}</c> (sent with HTTP 200 so SDKs reach their error paths).</summary>
    public static byte[] HttpRefusal(int code, string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Parses a payload as a JSON object; null when it is not JSON or not an object.</summary>
    public static JsonDocument? TryParseObject(byte[] payload)
    {
        try
        {
            JsonDocument doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 32 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? GetString(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>True when <paramref name="parameters"/> (absent, or an object) leave out <paramref name="name"/> or give it the string <paramref name="expected"/>.</summary>
    public static bool IsAbsentOr(this JsonElement parameters, string name, string expected) =>
        parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out _) || parameters.GetString(name) == expected;

    /// <summary>The request id as text (string ids as they are, numeric ids in their JSON form).</summary>
    public static string? IdText(JsonElement? id) => id switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };
}

/// <summary>Ids for cloud → device messages: Alink ids (decimal strings within 0–4294967295) and RRPC message ids.</summary>
public static class MessageIds
{
    static long _alink = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 4_000_000_000L;
    static long _rrpc = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L;

    public static string NextAlinkId() => (Interlocked.Increment(ref _alink) % 4_294_967_296L).ToString();

    public static string NextRrpcId() => Interlocked.Increment(ref _rrpc).ToString();
}
