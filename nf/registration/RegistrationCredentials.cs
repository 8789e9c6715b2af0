using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// The MQTT CONNECT credentials around dynamic registration (docs/protocol.md, Dynamic registration modes; literals of the
    /// unit tests, docs/test-vectors.md V3/W3/W4):
    /// <code>
    /// register  clientId {dn}.{pk}|random={r},authType=register,securemode=2,signmethod=hmacsha256|
    /// regnwl    clientId {dn}.{pk}|random={r},authType=regnwl,securemode=2,signmethod=hmacsha256[,instanceId={iid}]|
    ///           username {dn}&amp;{pk}; password = lower-case hex HMAC-SHA256(productSecret, "deviceName{dn}productKey{pk}random{r}")
    /// connwl    clientId {platform clientId}|authType=connwl,securemode=-2,_ss=1,ext=3,lan={lan},_v={v}|
    ///           username {dn}&amp;{pk}; password = the platform's deviceToken, verbatim
    /// </code>
    /// <c>securemode=2</c> is fixed for registration (TLS only). Built at connect time, so these allocate strings.
    /// </summary>
    public static class RegistrationCredentials
    {
        /// <summary>
        /// CONNECT credentials for MQTT dynamic registration with a fresh nonce: the platform answers on
        /// <c>/ext/register</c> (<paramref name="whitelistFree"/> false) or <c>/ext/regnwl</c> (true).
        /// </summary>
        /// <param name="instanceId">The instance id (purchased instances), or null/empty for none; not signed.</param>
        /// <exception cref="ArgumentNullException"><paramref name="signer"/> or <paramref name="random"/> is null.</exception>
        public static MqttCredentials CreateRegistration(RegistrationSigner signer, bool whitelistFree, IRandomSource random, string instanceId)
        {
            byte[] nonce = new byte[RegistrationRandom.Length];
            RegistrationRandom.Fill(random, nonce, 0);
            return CreateRegistration(signer, whitelistFree, Utf8.GetString(nonce, 0, nonce.Length), instanceId);
        }

        /// <summary>As above with a given nonce (tests, vectors).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="signer"/> or <paramref name="random"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="random"/> is not 15 characters of [0-9A-Za-z], or
        /// <paramref name="instanceId"/> holds '|' or ','.</exception>
        public static MqttCredentials CreateRegistration(RegistrationSigner signer, bool whitelistFree, string random, string instanceId)
        {
            if (signer == null) throw new ArgumentNullException("signer");
            CheckNonce(random);
            bool hasInstance = instanceId != null && instanceId.Length > 0;
            if (hasInstance && (instanceId.IndexOf('|') >= 0 || instanceId.IndexOf(',') >= 0))
            {
                throw new ArgumentException("instanceId must not contain '|' or ','", "instanceId");
            }

            byte[] nonce = new byte[RegistrationRandom.Length];
            Utf8.Encode(random, nonce, 0, nonce.Length);
            byte[] sign = new byte[RegistrationSigner.SignLength];
            signer.WriteSign(nonce, 0, nonce.Length, sign, 0, sign.Length);
            string password = Utf8.GetString(sign, 0, sign.Length);
            Array.Clear(sign, 0, sign.Length);

            string clientId = signer.DeviceName + "." + signer.ProductKey + "|random=" + random
                + ",authType=" + (whitelistFree ? "regnwl" : "register") + ",securemode=2,signmethod=hmacsha256"
                + (hasInstance ? ",instanceId=" + instanceId : "") + "|";
            return new MqttCredentials(clientId, signer.DeviceName + "&" + signer.ProductKey, password);
        }

        /// <summary>
        /// The credentials a whitelist-free device connects with after <c>/ext/regnwl</c>, with this SDK's
        /// <c>lan</c>/<c>_v</c> (<see cref="MqttCredentials.SdkLanguage"/>, <see cref="MqttCredentials.SdkVersion"/>).
        /// </summary>
        /// <param name="clientId">The <c>clientId</c> the platform sent (it already holds '|').</param>
        /// <param name="deviceToken">The <c>deviceToken</c> the platform sent: the password.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty.</exception>
        public static MqttCredentials CreateWhitelistFree(string productKey, string deviceName, string clientId, string deviceToken)
        {
            return CreateWhitelistFree(productKey, deviceName, clientId, deviceToken, MqttCredentials.SdkLanguage, MqttCredentials.SdkVersion);
        }

        /// <summary>As above with explicit <c>lan</c>/<c>_v</c> values (the Python SDK sends "Python", "1.2.13").</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty.</exception>
        public static MqttCredentials CreateWhitelistFree(string productKey, string deviceName, string clientId, string deviceToken, string language, string version)
        {
            CheckText(productKey, "productKey");
            CheckText(deviceName, "deviceName");
            CheckText(clientId, "clientId");
            CheckText(deviceToken, "deviceToken");
            CheckText(language, "language");
            CheckText(version, "version");
            return new MqttCredentials(
                clientId + "|authType=connwl,securemode=-2,_ss=1,ext=3,lan=" + language + ",_v=" + version + "|",
                deviceName + "&" + productKey,
                deviceToken);
        }

        private static void CheckNonce(string random)
        {
            if (random == null) throw new ArgumentNullException("random");
            bool ok = random.Length == RegistrationRandom.Length;
            for (int i = 0; ok && i < random.Length; i++)
            {
                char c = random[i];
                ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            }
            if (!ok) throw new ArgumentException("random must be 15 characters of [0-9A-Za-z]", "random");
        }

        private static void CheckText(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length == 0) throw new ArgumentException("empty", name);
        }
    }
}
