using System.Globalization;
using System.Text.Json;

namespace LinkKit.Emulator.Alink;

/// <summary>A TSL data type with the specs the validator checks.</summary>
public sealed class TslDataType
{
    public string Type { get; init; } = "text";
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>A text's longest value; the platform's maximum when the specs give none.</summary>
    public int? Length { get; init; }
    public IReadOnlySet<string> EnumKeys { get; init; } = new HashSet<string>();
    public IReadOnlyList<TslParam> Members { get; init; } = [];
    /// <summary>An array's most elements; the platform's maximum when the specs give none.</summary>
    public int? ArraySize { get; init; }
    public TslDataType? Item { get; init; }

    /// <summary>Parses a dataType at <paramref name="at"/>, enforcing the platform's limits (<see cref="ThingModel"/>'s constants).</summary>
    internal static TslDataType Parse(JsonElement dataType, TslPlace at)
    {
        string type = dataType.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!.ToLowerInvariant() : throw new FormatException("dataType without type");
        dataType.TryGetProperty("specs", out JsonElement specs);
        at.CheckNesting(type);
        switch (type)
        {
            case "int":
            case "float":
            case "double":
                return new TslDataType { Type = type, Min = Number(specs, "min"), Max = Number(specs, "max") };
            case "text":
                return new TslDataType { Type = type, Length = PlatformRange(specs, "length", ThingModel.MaxTextLength, at, "text length") };
            case "date":
                return new TslDataType { Type = type };
            case "bool":
            case "enum":
                var keys = new HashSet<string>(StringComparer.Ordinal);
                if (specs.ValueKind == JsonValueKind.Object)
                    foreach (JsonProperty p in specs.EnumerateObject()) keys.Add(p.Name);
                if (keys.Count > ThingModel.MaxEnumValues) throw TooMany(at + " enum", keys.Count, "values", ThingModel.MaxEnumValues);
                if (type == "bool" && keys.Count == 0) { keys.Add("0"); keys.Add("1"); }
                return new TslDataType { Type = type, EnumKeys = keys };
            case "struct":
                var members = new List<TslParam>();
                if (specs.ValueKind == JsonValueKind.Array)
                    foreach (JsonElement m in specs.EnumerateArray()) members.Add(TslParam.Parse(m, at.Inside("struct")));
                if (members.Count > ThingModel.MaxStructMembers)
                    throw TooMany(at + " struct", members.Count, "members", ThingModel.MaxStructMembers);
                return new TslDataType { Type = type, Members = members };
            case "array":
                int size = PlatformRange(specs, "size", ThingModel.MaxArraySize, at, "array size");
                TslDataType? item = specs.ValueKind == JsonValueKind.Object && specs.TryGetProperty("item", out JsonElement i)
                    ? Parse(i, at.Item()) : null;
                return new TslDataType { Type = type, ArraySize = size, Item = item };
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

    // A text length or array size: 1..max on the platform; none given means max.
    static int PlatformRange(JsonElement specs, string name, int max, TslPlace at, string what)
    {
        double? given = Number(specs, name);
        if (given == null) return max;
        if (given < 1 || given > max) throw new FormatException($"{at} {what} {given} is outside the platform's 1..{max}");
        return (int)given.Value;
    }

    internal static FormatException TooMany(string what, int count, string things, int max) =>
        new($"{what} has {count} {things}, the platform allows {max}");
}

/// <summary>
/// Where a data type sits, for messages ("property 'pos.x'", "service 'setup' input 'rows[].x'"), and what holds
/// it: "struct", "array" or null for a property or parameter.
/// </summary>
internal readonly record struct TslPlace(string Owner, string Path, string? Container)
{
    public TslPlace Named(string identifier) => this with { Path = Path.Length == 0 ? identifier : Path + "." + identifier };

    public TslPlace Inside(string container) => this with { Container = container };

    public TslPlace Item() => new(Owner, Path + "[]", "array");

    /// <summary>The platform's nesting: a struct holds only scalars; an array holds int, float, double, text or struct.</summary>
    public void CheckNesting(string type)
    {
        if (Container == "struct" && type is "struct" or "array")
            throw new FormatException($"{this} is {Article(type)} inside a struct; the platform's struct members are int, float, double, bool, enum, text or date");
        if (Container == "array" && type is not ("int" or "float" or "double" or "text" or "struct"))
            throw new FormatException($"{this} is {Article(type)} inside an array; the platform's array items are int, float, double, text or struct");
    }

    static string Article(string type) => (type is "int" or "enum" or "array" ? "an " : "a ") + type;

    public override string ToString() => $"{Owner} '{Path}'";
}

/// <summary>A named TSL parameter (property, struct member, event output, service input/output).</summary>
public sealed record TslParam(string Identifier, string Name, TslDataType DataType, string AccessMode = "rw")
{
    /// <summary>Parses a data definition; <paramref name="list"/> is where its list sits (its identifier is added).</summary>
    internal static TslParam Parse(JsonElement e, TslPlace list)
    {
        string id = ReadIdentifier(e);
        string name = e.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id;
        string access = e.TryGetProperty("accessMode", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "rw";
        if (!e.TryGetProperty("dataType", out JsonElement dt)) throw new FormatException("TSL entry " + id + " without dataType");
        return new TslParam(id, name, TslDataType.Parse(dt, list.Named(id)), access);
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
    // The platform's TSL limits, enforced by Parse (the SDK's LinkKit.Nano.ThingModel enforces the same at load).
    /// <summary>Longest text: a text's specs length must be 1..this; a text without one gets this.</summary>
    public const int MaxTextLength = 10240;
    /// <summary>Largest array: an array's specs size must be 1..this; an array without one gets this.</summary>
    public const int MaxArraySize = 512;
    public const int MaxStructMembers = 50;
    public const int MaxEnumValues = 100;
    /// <summary>The most input or output parameters of a service, or output parameters of an event.</summary>
    public const int MaxParameters = 100;

    public IReadOnlyDictionary<string, TslParam> Properties { get; private init; } = new Dictionary<string, TslParam>();
    public IReadOnlyDictionary<string, TslEvent> Events { get; private init; } = new Dictionary<string, TslEvent>();
    public IReadOnlyDictionary<string, TslService> Services { get; private init; } = new Dictionary<string, TslService>();

    /// <summary>Parses TSL JSON. Missing arrays are empty; the built-in "post" event and "set"/"get" services are skipped.</summary>
    /// <exception cref="FormatException">The text is not a TSL document, or breaks one of the platform's limits (what and where).</exception>
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
            var propertyList = new TslPlace("property", "", null);
            foreach (JsonElement p in Array(root, "properties")) { TslParam prop = TslParam.Parse(p, propertyList); properties[prop.Identifier] = prop; }
            foreach (JsonElement e in Array(root, "events"))
            {
                string id = TslParam.ReadIdentifier(e);
                if (id == "post") continue;
                string type = e.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "info";
                events[id] = new TslEvent(id, type, Parameters(e, "event", id, "output"));
            }
            foreach (JsonElement s in Array(root, "services"))
            {
                string id = TslParam.ReadIdentifier(s);
                if (id is "set" or "get") continue;
                string callType = s.TryGetProperty("callType", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "async";
                services[id] = new TslService(id, callType, Parameters(s, "service", id, "input"), Parameters(s, "service", id, "output"));
            }
            return new ThingModel { Properties = properties, Events = events, Services = services };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException("TSL is not valid: " + ex.Message, ex);
        }
    }

    /// <summary>An event's or service's input or output parameters, at most the platform's <see cref="MaxParameters"/>.</summary>
    static List<TslParam> Parameters(JsonElement callable, string kind, string id, string direction)
    {
        var list = new TslPlace(kind + " '" + id + "' " + direction, "", null);
        List<TslParam> parameters = Array(callable, direction + "Data").Select(p => TslParam.Parse(p, list)).ToList();
        if (parameters.Count > MaxParameters)
            throw TslDataType.TooMany(kind + " '" + id + "'", parameters.Count, direction + " parameters", MaxParameters);
        return parameters;
    }

    static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];
}
