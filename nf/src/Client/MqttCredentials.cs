using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// The client id, user name and password of one MQTT CONNECT. Built at connect time (allocation is fine there),
    /// either signed from a device secret or ready-made (Python's Mode B: the strings a whitelist-free dynamic
    /// registration returns, sent verbatim). The password is a secret: never log it; <see cref="object.ToString"/>
    /// does not show it.
    /// </summary>
    /// <remarks>
    /// Formats (docs/protocol.md, MQTT credentials; the literals are those of the unit tests):
    /// <code>
    /// HmacSha256  clientId {pk}.{dn}|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3[,sii={info}]|
    ///             password upper-case hex HMAC-SHA256(deviceSecret, "clientId{pk}.{dn}deviceName{dn}productKey{pk}timestamp2524608000000")
    /// HmacSha1    clientId {pk}&amp;{dn}|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,[sii={info},]timestamp={ts}|
    ///             password lower-case hex HMAC-SHA1(deviceSecret, "clientId{pk}&amp;{dn}deviceName{dn}productKey{pk}timestamp{ts}")
    /// both        username {dn}&amp;{pk}; securemode=3 instead of 2 without TLS
    /// </code>
    /// The HmacSha256 form is the Link SDK C 4.x form (its fixed far-future timestamp means no clock is needed) with
    /// this SDK's <c>lan</c>/<c>_v</c> and the device info in its extend slot; the HmacSha1 form is the Python SDK 1.2.13
    /// form with <c>lan=CSharp</c> and this SDK's <c>_v</c> (neither is part of the signed string).
    /// </remarks>
    public sealed class MqttCredentials
    {
        /// <summary>The Link SDK C 4.x timestamp (2050-01-01T00:00:00Z in ms) signed in <see cref="SignMethod.HmacSha256"/> mode.</summary>
        public const long FixedTimestamp = 2524608000000;

        /// <summary>The <c>lan=</c> value this SDK sends.</summary>
        public const string SdkLanguage = "CSharp";

        /// <summary>The <c>_v=</c> value this SDK sends.</summary>
        public const string SdkVersion = "linkkit-nano-0.1.0";

        /// <summary>Ready-made credentials, sent verbatim (e.g. clientId/username/deviceToken from a whitelist-free registration).</summary>
        /// <exception cref="ArgumentNullException">Any argument is null.</exception>
        /// <exception cref="ArgumentException">Any argument is empty.</exception>
        public MqttCredentials(string clientId, string username, string password)
        {
            CheckText(clientId, "clientId");
            CheckText(username, "username");
            CheckText(password, "password");
            ClientId = clientId;
            Username = username;
            Password = password;
        }

        /// <summary>The MQTT client identifier.</summary>
        public string ClientId { get; private set; }

        /// <summary>The MQTT user name.</summary>
        public string Username { get; private set; }

        /// <summary>The MQTT password (a secret).</summary>
        public string Password { get; private set; }

        /// <summary>Signs with HMAC-SHA256 over the fixed timestamp (no clock needed); the default mode.</summary>
        /// <param name="deviceInfo">The sii= value, or null/empty for none (validated as <see cref="LinkKitOptions.DeviceInfo"/>).</param>
        public static MqttCredentials CreateHmacSha256(string productKey, string deviceName, string deviceSecret, bool useTls, string deviceInfo)
        {
            CheckIdentity(productKey, deviceName, deviceSecret, deviceInfo);
            string id = productKey + "." + deviceName;
            string clientId = id + "|timestamp=2524608000000,_ss=1,_v=" + SdkVersion + ",lan=" + SdkLanguage
                + ",securemode=" + SecureMode(useTls) + ",signmethod=hmacsha256,ext=3"
                + (IsEmpty(deviceInfo) ? "" : ",sii=" + deviceInfo) + "|";
            string signed = "clientId" + id + "deviceName" + deviceName + "productKey" + productKey + "timestamp2524608000000";
            return new MqttCredentials(clientId, deviceName + "&" + productKey, Sign(new Sha256(), deviceSecret, signed, true));
        }

        /// <summary>Signs with HMAC-SHA1 over <paramref name="unixTimeSeconds"/>, as the Python SDK does.</summary>
        /// <param name="deviceInfo">The sii= value, or null/empty for none (validated as <see cref="LinkKitOptions.DeviceInfo"/>).</param>
        public static MqttCredentials CreateHmacSha1(string productKey, string deviceName, string deviceSecret, bool useTls, string deviceInfo, long unixTimeSeconds)
        {
            CheckIdentity(productKey, deviceName, deviceSecret, deviceInfo);
            if (unixTimeSeconds < 0) throw new ArgumentOutOfRangeException("unixTimeSeconds", "unixTimeSeconds must not be negative.");
            string id = productKey + "&" + deviceName;
            string timestamp = unixTimeSeconds.ToString();
            string clientId = id + "|securemode=" + SecureMode(useTls) + ",signmethod=hmacsha1,ext=1,_ss=1,lan=" + SdkLanguage
                + ",_v=" + SdkVersion + "," + (IsEmpty(deviceInfo) ? "" : "sii=" + deviceInfo + ",") + "timestamp=" + timestamp + "|";
            string signed = "clientId" + id + "deviceName" + deviceName + "productKey" + productKey + "timestamp" + timestamp;
            return new MqttCredentials(clientId, deviceName + "&" + productKey, Sign(new Sha1(), deviceSecret, signed, false));
        }

        private static string SecureMode(bool useTls)
        {
            return useTls ? "2" : "3";
        }

        private static string Sign(HashAlgorithm hash, string key, string message, bool upperCase)
        {
            byte[] keyBytes = Utf8.ToArray(key);
            byte[] messageBytes = Utf8.ToArray(message);
            Hmac hmac = new Hmac(hash);
            hmac.SetKey(keyBytes, 0, keyBytes.Length);
            byte[] mac = new byte[hmac.HashSize];
            hmac.Compute(messageBytes, 0, messageBytes.Length, mac, 0);
            byte[] hex = new byte[mac.Length * 2];
            Hex.Encode(mac, 0, mac.Length, hex, 0, upperCase);
            string password = Utf8.GetString(hex, 0, hex.Length);

            // The key and the MAC are secrets: do not leave them for the GC to hand out again.
            hmac.Clear();
            Array.Clear(keyBytes, 0, keyBytes.Length);
            Array.Clear(mac, 0, mac.Length);
            Array.Clear(hex, 0, hex.Length);
            return password;
        }

        private static void CheckIdentity(string productKey, string deviceName, string deviceSecret, string deviceInfo)
        {
            CheckText(productKey, "productKey");
            CheckText(deviceName, "deviceName");
            CheckText(deviceSecret, "deviceSecret");
            LinkKitOptions.CheckDeviceInfo(deviceInfo);
        }

        private static void CheckText(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length == 0) throw new ArgumentException(name + " must not be empty.", name);
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
