using System.Globalization;
using System.Text.Json;

namespace LinkKit.Emulator.Alink;

/// <summary>A TSL data type with the specs the validator checks.</summary>
public sealed class TslDataType
{
    public string Type { get; init; } = "text";
    public double? Min { get; init; }
    public double? Max { get; init; }
    public int? Length { get; init; }
    public IReadOnlySet<string> EnumKeys { get; init; } = new HashSet<string>();
    public IReadOnlyList<TslParam> Members { get; init; } = [];
    public int? ArraySize { get; init; }
    public TslDataType? Item { get; init; }

    internal static TslDataType Parse(JsonElement dataType)
    {
        string type = dataType.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!.ToLowerInvariant() : throw new FormatException("dataType without type");
        dataType.TryGetProperty("specs", out JsonElement specs);
        switch (type)
        {
            case "int":
            case "float":
            case "double":
                return new TslDataType { Type = type, Min = Number(specs, "min"), Max = Number(specs, "max") };
            case "text":
                double? length = Number(specs, "length");
                return new TslDataType { Type = type, Length = length == null ? null : (int)length.Value };
            case "date":
                return new TslDataType { Type = type };
            case "bool":
            case "enum":
                var keys = new HashSet<string>(StringComparer.Ordinal);
                if (specs.ValueKind == JsonValueKind.Object)
                    foreach (JsonProperty p in specs.EnumerateObject()) keys.Add(p.Name);
                if (type == "bool" && keys.Count == 0) { keys.Add("0"); keys.Add("1"); }
                return new TslDataType { Type = type, EnumKeys = keys };
            case "struct":
                var members = new List<TslParam>();
                if (specs.ValueKind == JsonValueKind.Array)
                    foreach (JsonElement m in specs.EnumerateArray()) members.Add(TslParam.Parse(m));
                return new TslDataType { Type = type, Members = members };
            case "array":
                double? size = Number(specs, "size");
                TslDataType? item = specs.ValueKind == JsonValueKind.Object && specs.TryGetProperty("item", out JsonElement i)
                    ? Parse(i) : null;
                return new TslDataType { Type = type, ArraySize = size == null ? null : (int)size.Value, Item = item };
            default:
                throw new FormatException("unknown TSL data type " + type);
        }
    }

    // TSL specs hold numbers as strings ("min":"0"); accept real numbers too.
    static double? Number(JsonElement specs, string name)
    {
        if (specs.ValueKind != JsonValueKind.Object || !specs.TryGetProperty(name, out JsonElement v)) return null;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        if (v.ValueKind == JsonValueKind.String &&
            double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return null;
    }
}

/// <summary>A named TSL parameter (property, struct member, event output, service input/output).</summary>
public sealed record TslParam(string Identifier, string Name, TslDataType DataType, string AccessMode = "rw")
{
    internal static TslParam Parse(JsonElement e)
    {
        string id = ReadIdentifier(e);
        string name = e.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id;
        string access = e.TryGetProperty("accessMode", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "rw";
        if (!e.TryGetProperty("dataType", out JsonElement dt)) throw new FormatException("TSL entry " + id + " without dataType");
        return new TslParam(id, name, TslDataType.Parse(dt), access);
    }

    /// <summary>The entry's (parameter's, event's, service's) identifier: a string, else the TSL is refused.</summary>
    internal static string ReadIdentifier(JsonElement e) =>
        e.TryGetProperty("identifier", out JsonElement i) && i.ValueKind == JsonValueKind.String
            ? i.GetString()! : throw new FormatException("TSL entry without identifier");
}

public sealed record TslEvent(string Identifier, string Type, IReadOnlyList<TslParam> Output);

public sealed record TslService(string Identifier, string CallType, IReadOnlyList<TslParam> Input, IReadOnlyList<TslParam> Output);

/// <summary>A product's thing model (TSL JSON: properties, events, services), as the platform's console exports it.</summary>
public sealed class ThingModel
{
    public IReadOnlyDictionary<string, TslParam> Properties { get; private init; } = new Dictionary<string, TslParam>();
    public IReadOnlyDictionary<string, TslEvent> Events { get; private init; } = new Dictionary<string, TslEvent>();
    public IReadOnlyDictionary<string, TslService> Services { get; private init; } = new Dictionary<string, TslService>();

    /// <summary>Parses TSL JSON. Missing arrays are empty; the built-in "post" event and "set"/"get" services are skipped.</summary>
    /// <exception cref="FormatException">The text is not a TSL document.</exception>
    public static ThingModel Parse(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("TSL must be a JSON object");
            var properties = new Dictionary<string, TslParam>(StringComparer.Ordinal);
            var events = new Dictionary<string, TslEvent>(StringComparer.Ordinal);
            var services = new Dictionary<string, TslService>(StringComparer.Ordinal);
            foreach (JsonElement p in Array(root, "properties")) { TslParam prop = TslParam.Parse(p); properties[prop.Identifier] = prop; }
            foreach (JsonElement e in Array(root, "events"))
            {
                string id = TslParam.ReadIdentifier(e);
                if (id == "post") continue;
                string type = e.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "info";
                events[id] = new TslEvent(id, type, Array(e, "outputData").Select(TslParam.Parse).ToList());
            }
            foreach (JsonElement s in Array(root, "services"))
            {
                string id = TslParam.ReadIdentifier(s);
                if (id is "set" or "get") continue;
                string callType = s.TryGetProperty("callType", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "async";
                services[id] = new TslService(id, callType, Array(s, "inputData").Select(TslParam.Parse).ToList(),
                    Array(s, "outputData").Select(TslParam.Parse).ToList());
            }
            return new ThingModel { Properties = properties, Events = events, Services = services };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException("TSL is not valid: " + ex.Message, ex);
        }
    }

    static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];
}
