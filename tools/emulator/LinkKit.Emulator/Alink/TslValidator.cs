using System.Text.Json;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Alink;

/// <summary>Checks Alink params against a thing model with the platform's 6300-family codes (docs/protocol.md, TSL checks (6300 family)).</summary>
public static class TslValidator
{
    /// <summary>The most properties one post may carry (docs/protocol.md, Limits; more is answered with 460).</summary>
    public const int MaxPropertiesPerPost = 200;

    /// <summary>How far ahead of the platform's clock a property or event <c>time</c> may be (docs/protocol.md, Property post and property set).</summary>
    public static readonly long MaxTimeAheadMs = (long)TimeSpan.FromHours(24).TotalMilliseconds;

    /// <summary>
    /// Validates property post params: an object of identifier → value or {value, time}. Returns null when valid, with each
    /// value added to <paramref name="values"/> (time defaulting to <paramref name="nowMs"/>); on an error what was added
    /// is to be dropped. <paramref name="model"/> null means "no thing model": every identifier is accepted.
    /// </summary>
    public static AlinkError? CheckPropertyPost(ThingModel? model, JsonElement parameters, long nowMs, List<PropertyValue> values)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
            return new AlinkError(AlinkCodes.ParamsFormatError, "params must be a JSON object");
        int count = 0;
        foreach (JsonProperty p in parameters.EnumerateObject())
        {
            Unwrap(p.Value, out JsonElement value, out long? time);
            AlinkError? error = CheckTime(time, nowMs, "time of ", p.Name) ?? CheckProperty(model, p.Name, value);
            if (error != null) return error;
            values.Add(new PropertyValue(p.Name, value.GetRawText(), time ?? nowMs));
            count++;
        }
        return CheckPropertyCount(count);      // the last check (docs/protocol.md, Envelope checks)
    }

    /// <summary>At most <see cref="MaxPropertiesPerPost"/> identifiers in one object of properties (460 beyond).</summary>
    public static AlinkError? CheckPropertyCount(int count) =>
        count > MaxPropertiesPerPost
            ? new AlinkError(AlinkCodes.RequestParameterError, "more than " + MaxPropertiesPerPost + " properties in one post") : null;

    /// <summary>
    /// The platform's time rule: data may be dated at most 24 hours ahead (460 beyond; the code is the emulator's choice).
    /// The message names <paramref name="what"/> followed by <paramref name="name"/> (joined only for an error).
    /// </summary>
    public static AlinkError? CheckTime(long? time, long nowMs, string what, string name = "") =>
        time > nowMs + MaxTimeAheadMs ? new AlinkError(AlinkCodes.RequestParameterError, what + name + " is more than 24 hours ahead") : null;

    /// <summary>One property value: the identifier must be in the thing model and the value fit its type (anything goes without a model).</summary>
    public static AlinkError? CheckProperty(ThingModel? model, string identifier, JsonElement value)
    {
        if (model == null) return null;
        if (!model.Properties.TryGetValue(identifier, out TslParam? property))
            return new AlinkError(AlinkCodes.ParamsNotExist, "property " + identifier + " is not in the thing model");
        return CheckValue(property.DataType, value, identifier);
    }

    /// <summary>The event's declaration; an error when the thing model has no such event (without a model every event passes, undeclared).</summary>
    public static AlinkError? FindEvent(ThingModel? model, string eventId, out TslEvent? declared)
    {
        declared = null;
        return model != null && !model.Events.TryGetValue(eventId, out declared)
            ? new AlinkError(AlinkCodes.ParamsNotExist, "event " + eventId + " is not in the thing model") : null;
    }

    /// <summary>
    /// Validates named parameters (event output, service input) against their declarations: unknown names are
    /// refused with 6304. <paramref name="declared"/> null accepts anything.
    /// </summary>
    public static AlinkError? CheckParams(IReadOnlyList<TslParam>? declared, JsonElement values, string what)
    {
        if (values.ValueKind != JsonValueKind.Object)
            return new AlinkError(AlinkCodes.ParamsFormatError, what + " must be a JSON object");
        if (declared == null) return null;
        foreach (JsonProperty p in values.EnumerateObject())
        {
            TslParam? param = declared.FirstOrDefault(d => d.Identifier == p.Name);
            if (param == null) return new AlinkError(AlinkCodes.ParamsNotExist, what + " " + p.Name + " is not in the thing model");
            AlinkError? error = CheckValue(param.DataType, p.Value, p.Name);
            if (error != null) return error;
        }
        return null;
    }

    /// <summary>Splits a property entry into its value and optional time (ms): <c>{"value":v,"time":t}</c> or a plain value.</summary>
    public static void Unwrap(JsonElement entry, out JsonElement value, out long? time)
    {
        value = entry;
        time = null;
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("value", out JsonElement v)) return;
        foreach (JsonProperty p in entry.EnumerateObject())
            if (p.Name is not ("value" or "time")) return;      // a struct value that has a member named "value"
        value = v;
        time = ReadTime(entry);
    }

    /// <summary>
    /// An entry of a batch or history post, <c>{"value":v,"time":ms}</c>: its value and time (null when absent). False when it is
    /// not an object with a value.
    /// </summary>
    public static bool TryReadEntry(JsonElement entry, out JsonElement value, out long? time)
    {
        value = default;
        time = null;
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("value", out value)) return false;
        time = ReadTime(entry);
        return true;
    }

    /// <summary>The <c>time</c> member of an object, in ms: a number or a string holding one; null when absent or neither.</summary>
    public static long? ReadTime(JsonElement holder)
    {
        if (!holder.TryGetProperty("time", out JsonElement t)) return null;
        if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long ms)) return ms;
        if (t.ValueKind == JsonValueKind.String && long.TryParse(t.GetString(), out long s)) return s;
        return null;
    }

    /// <summary>Checks one value against its data type. Returns null when valid.</summary>
    public static AlinkError? CheckValue(TslDataType type, JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.Null) return new AlinkError(AlinkCodes.ParamsValueEmpty, name + " is null");
        switch (type.Type)
        {
            case "int":
            {
                if (value.ValueKind != JsonValueKind.Number) return TypeError(name, "int");
                if (!value.TryGetInt64(out long i)) return new AlinkError(AlinkCodes.IntSpecsError, name + " is not an integer");
                return InRange(type, i) ? null : new AlinkError(AlinkCodes.IntSpecsError, name + " is out of range");
            }
            case "float":
            case "double":
            {
                int code = type.Type == "float" ? AlinkCodes.FloatSpecsError : AlinkCodes.DoubleSpecsError;
                if (value.ValueKind != JsonValueKind.Number) return TypeError(name, type.Type);
                // The platform wants a decimal point even for integral values ("10.0", docs/protocol.md, TSL checks (6300 family)).
                if (!value.GetRawText().Contains('.')) return new AlinkError(code, name + " has no decimal point");
                return InRange(type, value.GetDouble()) ? null : new AlinkError(code, name + " is out of range");
            }
            case "bool":
            case "enum":
            {
                int code = type.Type == "bool" ? AlinkCodes.BoolSpecsError : AlinkCodes.EnumSpecsError;
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long k) || !type.EnumKeys.Contains(k.ToString()))
                    return new AlinkError(code, name + " is not one of " + string.Join(",", type.EnumKeys));
                return null;
            }
            case "text":
            {
                if (value.ValueKind != JsonValueKind.String) return TypeError(name, "text");
                // The parser gives every text a length (the platform's maximum when the TSL gives none).
                return type.Length == null || value.GetString()!.Length <= type.Length
                    ? null : new AlinkError(AlinkCodes.StringSpecsError, name + " is longer than " + type.Length);
            }
            case "date":
            {
                if (value.ValueKind != JsonValueKind.String || !long.TryParse(value.GetString(), out _))
                    return new AlinkError(AlinkCodes.DateSpecsError, name + " is not a UTC millisecond string");
                return null;
            }
            case "struct":
            {
                if (value.ValueKind != JsonValueKind.Object) return TypeError(name, "struct");
                foreach (JsonProperty m in value.EnumerateObject())
                {
                    TslParam? member = type.Members.FirstOrDefault(x => x.Identifier == m.Name);
                    if (member == null) return new AlinkError(AlinkCodes.StructSpecsError, name + "." + m.Name + " is not a struct member");
                    AlinkError? error = CheckValue(member.DataType, m.Value, name + "." + m.Name);
                    if (error != null) return error.Code == AlinkCodes.ParamsTypeError ? error with { Code = AlinkCodes.StructSpecsError } : error;
                }
                foreach (TslParam member in type.Members)
                    if (!value.TryGetProperty(member.Identifier, out _))
                        return new AlinkError(AlinkCodes.StructSpecsError, name + "." + member.Identifier + " is missing");
                return null;
            }
            case "array":
            {
                if (value.ValueKind != JsonValueKind.Array) return TypeError(name, "array");
                int length = value.GetArrayLength();
                if (type.ArraySize != null && length > type.ArraySize)
                    return new AlinkError(AlinkCodes.DataNotSatisfyDsl, name + " has more than " + type.ArraySize + " elements");
                if (type.Item == null) return null;
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    AlinkError? error = CheckValue(type.Item, item, name + "[" + index++ + "]");
                    if (error != null) return error;
                }
                return null;
            }
            default:
                return null;
        }
    }

    static bool InRange(TslDataType type, double v) => (type.Min == null || v >= type.Min) && (type.Max == null || v <= type.Max);

    static AlinkError TypeError(string name, string type) => new(AlinkCodes.ParamsTypeError, name + " is not of type " + type);
}
