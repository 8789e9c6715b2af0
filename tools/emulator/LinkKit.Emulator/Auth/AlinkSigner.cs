using System.Security.Cryptography;
using System.Text;

namespace LinkKit.Emulator.Auth;

/// <summary>The platform's signatures: hex HMAC of a "name1value1name2value2…" string (docs/protocol.md, MQTT credentials).</summary>
public static class AlinkSigner
{
    /// <summary>True when <paramref name="signMethod"/> is one the platform accepts (hmacsha1, hmacsha256, hmacmd5; any case).</summary>
    public static bool IsSupported(string? signMethod) => Normalize(signMethod) != null;

    /// <summary>Lower-case hex HMAC of <paramref name="content"/> keyed with <paramref name="secret"/>.</summary>
    public static string Sign(string signMethod, string secret, string content)
    {
        byte[] key = Encoding.UTF8.GetBytes(secret);
        byte[] data = Encoding.UTF8.GetBytes(content);
        byte[] mac = Normalize(signMethod) switch
        {
            "hmacsha1" => HMACSHA1.HashData(key, data),
            "hmacsha256" => HMACSHA256.HashData(key, data),
            "hmacmd5" => HMACMD5.HashData(key, data),
            _ => throw new ArgumentException("unsupported sign method", nameof(signMethod)),
        };
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Compares a device's hex signature (either case, as C SDK 4.x sends upper case) in constant time.</summary>
    public static bool Verify(string signMethod, string secret, string content, string? presented)
    {
        if (presented == null || !IsSupported(signMethod)) return false;
        string expected = Sign(signMethod, secret, content);
        byte[] a = Encoding.ASCII.GetBytes(expected);
        byte[] b = Encoding.ASCII.GetBytes(presented.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>Signed string of a device-secret login: clientId, deviceName, productKey and (if sent) timestamp.</summary>
    public static string DeviceLoginContent(string clientIdDevicePart, string productKey, string deviceName, string? timestamp) =>
        "clientId" + clientIdDevicePart + "deviceName" + deviceName + "productKey" + productKey +
        (timestamp == null ? "" : "timestamp" + timestamp);

    /// <summary>Signed string of dynamic registration (MQTT and HTTPS): deviceName, productKey, random.</summary>
    public static string RegistrationContent(string productKey, string deviceName, string random) =>
        "deviceName" + deviceName + "productKey" + productKey + "random" + random;

    static string? Normalize(string? signMethod) => signMethod?.ToLowerInvariant() switch
    {
        "hmacsha1" => "hmacsha1",
        "hmacsha256" => "hmacsha256",
        "hmacmd5" => "hmacmd5",
        _ => null,
    };
}
