namespace LinkKit.Emulator.Auth;

/// <summary>How a CONNECT asks to be authenticated (docs/protocol.md, MQTT credentials).</summary>
public enum LoginKind
{
    /// <summary>Device secret: Python style <c>{pk}&amp;{dn}|…|</c> or C SDK 4.x style <c>{pk}.{dn}|…|</c>.</summary>
    DeviceSecret,
    /// <summary>MQTT dynamic registration with pre-registration (<c>authType=register</c>).</summary>
    Register,
    /// <summary>MQTT dynamic registration without pre-registration (<c>authType=regnwl</c>).</summary>
    RegisterNoWhitelist,
    /// <summary>Login with the token issued by <c>regnwl</c> (<c>authType=connwl</c>).</summary>
    TokenLogin,
}

/// <summary>The parsed clientId and username of an Alibaba-style MQTT CONNECT.</summary>
public sealed class ConnectCredentials
{
    ConnectCredentials(LoginKind kind, string productKey, string deviceName, string devicePart, Dictionary<string, string> options)
    {
        Kind = kind;
        ProductKey = productKey;
        DeviceName = deviceName;
        DevicePart = devicePart;
        Options = options;
    }

    public LoginKind Kind { get; }
    public string ProductKey { get; }
    public string DeviceName { get; }

    /// <summary>The clientId before its first <c>|</c>: the "clientId" value inside the signed string.</summary>
    public string DevicePart { get; }

    /// <summary>The <c>key=value</c> options between the pipes (securemode, signmethod, timestamp, _ss, …).</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    public string? Option(string name) => Options.TryGetValue(name, out string? v) ? v : null;

    /// <summary><c>securemode</c> as a number, or null when absent or not a number.</summary>
    public int? SecureMode => int.TryParse(Option("securemode"), out int m) ? m : null;

    /// <summary>True when the device asks for server-side subscription of its system topics (<c>_ss=1</c>).</summary>
    public bool ServerSideSubscription => Option("_ss") == "1";

    /// <summary>
    /// Parses clientId and username. Returns null with a reason when they do not have a platform shape. The identity
    /// comes from the username <c>{dn}&amp;{pk}</c> (a device name cannot hold <c>&amp;</c>); the clientId's device part
    /// must then name the same device in the order its login kind uses.
    /// </summary>
    public static ConnectCredentials? Parse(string? clientId, string? username, out string error) =>
        Parse(clientId, username, out error, out _);

    /// <summary>As <see cref="Parse(string?, string?, out string)"/>; <paramref name="clientIdFault"/> tells whether the clientId (rather than the username) is at fault.</summary>
    public static ConnectCredentials? Parse(string? clientId, string? username, out string error, out bool clientIdFault)
    {
        error = "";
        clientIdFault = false;
        if (string.IsNullOrEmpty(username)) { error = "empty username"; return null; }
        int amp = username.IndexOf('&');
        if (amp <= 0 || amp == username.Length - 1 || username.IndexOf('&', amp + 1) >= 0)
        {
            error = "username is not {deviceName}&{productKey}";
            return null;
        }
        string deviceName = username[..amp];
        string productKey = username[(amp + 1)..];
        clientIdFault = true;
        if (string.IsNullOrEmpty(clientId)) { error = "empty clientId"; return null; }

        int firstPipe = clientId.IndexOf('|');
        string devicePart = firstPipe < 0 ? clientId : clientId[..firstPipe];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (firstPipe >= 0)
        {
            if (clientId[^1] != '|' || clientId.Length - 1 == firstPipe)
            {
                error = "clientId options are not closed by '|'";
                return null;
            }
            if (!ParseOptions(clientId.Substring(firstPipe + 1, clientId.Length - firstPipe - 2), options, out error)) return null;
        }

        string? authType = options.TryGetValue("authType", out string? a) ? a : null;
        LoginKind kind;
        string expectedPart;
        switch (authType)
        {
            case null:
                kind = LoginKind.DeviceSecret;
                expectedPart = devicePart.Contains('&') ? productKey + "&" + deviceName : productKey + "." + deviceName;
                break;
            case "register":
                kind = LoginKind.Register;
                expectedPart = deviceName + "." + productKey;
                break;
            case "regnwl":
                kind = LoginKind.RegisterNoWhitelist;
                expectedPart = deviceName + "." + productKey;
                break;
            case "connwl":
                kind = LoginKind.TokenLogin;
                expectedPart = productKey + "." + deviceName;
                break;
            default:
                error = "unknown authType " + authType;
                return null;
        }
        if (devicePart != expectedPart)
        {
            error = "clientId does not name the username's device";
            return null;
        }
        return new ConnectCredentials(kind, productKey, deviceName, devicePart, options);
    }

    // Options are comma-separated key=value pairs. Values may hold '|' (the Python SDK inserts sii=Eth|…|… raw: docs/protocol.md, Keeping the option block intact).
    // A key holding '|' is the connwl case: the platform-issued clientId may itself hold '|' before the options
    // ("pk.dn|issued|authType=connwl,…|"), so only the part after the last '|' is the key.
    static bool ParseOptions(string text, Dictionary<string, string> options, out string error)
    {
        error = "";
        foreach (string item in text.Split(','))
        {
            if (item.Length == 0) continue;
            int eq = item.IndexOf('=');
            if (eq <= 0) { error = "clientId option without '=': " + item; return false; }
            string key = item[..eq];
            int pipe = key.LastIndexOf('|');
            if (pipe >= 0) key = key[(pipe + 1)..];
            if (key.Length == 0) { error = "clientId option with an empty name"; return false; }
            options[key] = item[(eq + 1)..];
        }
        return true;
    }
}
