using System.Text.Json;
using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator.ControlApi;

/// <summary>Typed access to a control-API request body (a JSON object of PascalCase parameters).</summary>
public sealed class ApiRequest(JsonElement body)
{
    public JsonElement Body { get; } = body;

    /// <summary>A request body as the API reads it: blank means <c>{}</c>, anything else must be JSON (not yet checked to be an object).</summary>
    /// <exception cref="CloudApiException">InvalidParameter: the body is not JSON.</exception>
    public static JsonElement ParseBody(string? body)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body).RootElement;
        }
        catch (JsonException ex)
        {
            throw Invalid("request body is not JSON: " + ex.Message);
        }

        RequireUnicode(element, "request body");
        return element;
    }

    // System.Text.Json parses an escaped lone surrogate ("\udc00") but throws InvalidOperationException when that string,
    // or a member name beside the one looked up, is read: such JSON is refused here as a bad parameter, not a 500 later.
    static void RequireUnicode(JsonElement json, string what)
    {
        try
        {
            ReadEveryString(json);
        }
        catch (InvalidOperationException)
        {
            throw Invalid(what + " holds a string that is not valid Unicode (a lone surrogate)");
        }
    }

    static void ReadEveryString(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty member in json.EnumerateObject())
                {
                    _ = member.Name;
                    ReadEveryString(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in json.EnumerateArray()) ReadEveryString(item);
                break;
            case JsonValueKind.String:
                json.GetString();
                break;
        }
    }

    public string Required(string name) => Optional(name) is { Length: > 0 } s ? s : throw Invalid(name + " is required");

    public string? Optional(string name)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw Invalid(name + " must be a string"),
        };
    }

    public bool? Bool(string name)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetString(), out bool b) => b,
            _ => throw Invalid(name + " must be true or false"),
        };
    }

    public long RequiredLong(string name) => Optional(name) is { Length: > 0 } ? Long(name, 0) : throw Invalid(name + " is required");

    public long Long(string name, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return fallback;
        long value = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out long n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), out long s) => s,
            _ => throw Invalid(name + " must be an integer"),
        };
        if (value < min || value > max) throw Invalid(name + " must be between " + min + " and " + max);
        return value;
    }

    /// <summary>An optional integer parameter: null when absent.</summary>
    public long? OptionalLong(string name, long min, long max) => Optional(name) == null ? null : Long(name, 0, min, max);

    /// <summary>A list of strings: a JSON array (or a string holding one), or a single string as a list of one; empty when absent.</summary>
    public List<string> StringList(string name)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind == JsonValueKind.String && !v.GetString()!.TrimStart().StartsWith('[')) return [v.GetString()!];
        JsonElement list = Json(name);
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Invalid(name + " must be a list of strings");
        return list.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>A list of objects (JSON, or a string holding JSON), each readable as a request of its own; empty when absent.</summary>
    public List<ApiRequest> ObjectList(string name)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return [];
        JsonElement list = Json(name);
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
            throw Invalid(name + " must be a list of objects");
        return list.EnumerateArray().Select(e => new ApiRequest(e)).ToList();
    }

    /// <summary>A JSON parameter given either as JSON or as a string holding JSON (the platform's API takes strings).</summary>
    public JsonElement Json(string name, bool required = true)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) throw Invalid(name + " is required");
            return JsonDocument.Parse("{}").RootElement;
        }
        if (v.ValueKind != JsonValueKind.String) return v;
        JsonElement parsed;
        try
        {
            parsed = JsonDocument.Parse(v.GetString()!).RootElement;
        }
        catch (JsonException)
        {
            throw Invalid(name + " is not valid JSON");
        }

        RequireUnicode(parsed, name);
        return parsed;
    }

    /// <summary>A JSON parameter as text (null when absent).</summary>
    public string? JsonText(string name)
    {
        if (!Body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0) return "";      // "" clears the value
        return Json(name).GetRawText();
    }

    public byte[] Base64(string name)
    {
        try
        {
            return Convert.FromBase64String(Required(name));
        }
        catch (FormatException)
        {
            throw Invalid(name + " is not base64");
        }
    }

    public static CloudApiException Invalid(string message) => new("InvalidParameter", message);
}
