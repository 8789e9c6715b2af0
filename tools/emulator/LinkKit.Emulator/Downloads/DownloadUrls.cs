using System.Security.Cryptography;
using System.Text;

namespace LinkKit.Emulator.Downloads;

/// <summary>Why a download URL was refused, or that it was not.</summary>
public enum UrlCheck { Valid, Missing, Expired, BadSignature }

/// <summary>
/// Signed, expiring download URLs in the shape of the platform's (OSS URLs signed with an STS token):
/// <c>https://{host}:{port}{path}?Expires={unix s}&amp;OSSAccessKeyId={id}&amp;Signature={base64}&amp;security-token={token}</c>.
/// The token is 1,024 base64 characters, so every URL is longer than 1 KB as real ones can be (devices must not cut them);
/// Signature and token are base64 with <c>+</c>, <c>/</c> and <c>=</c> percent-encoded, as OSS writes them.
/// The signature is an HMAC-SHA256 over the path, expiry, key id and token with a key kept in the database, so URLs stay
/// valid across restarts.
/// </summary>
public sealed class DownloadUrls(byte[] key, string accessKeyId)
{
    const int TokenBytes = 768;     // 1,024 base64 characters

    /// <summary>Settings under which the key and key id are kept.</summary>
    public const string KeySetting = "ota.url-key";
    public const string KeyIdSetting = "ota.access-key-id";

    /// <summary>A fresh key and key id (first start of a database).</summary>
    public static (string Key, string KeyId) NewSecrets() =>
        (Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "STS." + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24));

    /// <summary>A URL for <paramref name="path"/> under <paramref name="baseUri"/> (scheme, host and port) valid until <paramref name="expiresUnixSeconds"/>.</summary>
    public string Create(Uri baseUri, string path, long expiresUnixSeconds)
    {
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes));
        string expires = expiresUnixSeconds.ToString();
        return baseUri.GetLeftPart(UriPartial.Authority) + path + "?Expires=" + expires + "&OSSAccessKeyId=" + accessKeyId +
               "&Signature=" + Uri.EscapeDataString(Sign(path, expires, accessKeyId, token)) + "&security-token=" + Uri.EscapeDataString(token);
    }

    /// <summary>Checks a request's (already decoded) query values as OSS does: present, not expired, signed by this emulator.</summary>
    public UrlCheck Check(string path, string? expires, string? keyId, string? signature, string? token, long nowUnixSeconds)
    {
        if (expires == null || keyId == null || signature == null || token == null || !long.TryParse(expires, out long expiresAt)) return UrlCheck.Missing;
        if (nowUnixSeconds > expiresAt) return UrlCheck.Expired;
        byte[] expected = Encoding.ASCII.GetBytes(Sign(path, expires, keyId, token));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signature)) ? UrlCheck.Valid : UrlCheck.BadSignature;
    }

    string Sign(string path, string expires, string keyId, string token) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("GET\n" + path + "\n" + expires + "\n" + keyId + "\n" + token)));
}
