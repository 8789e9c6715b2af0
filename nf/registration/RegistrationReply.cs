using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>What kind of credential a registration obtained.</summary>
    public enum RegistrationKind
    {
        /// <summary>Nothing (yet).</summary>
        None = 0,

        /// <summary>A device secret: HTTPS registration or MQTT <c>/ext/register</c>.</summary>
        DeviceSecret = 1,

        /// <summary>A clientId and deviceToken: MQTT whitelist-free <c>/ext/regnwl</c>.</summary>
        DeviceToken = 2,
    }

    /// <summary>
    /// The outcome of one dynamic registration, filled in place by <see cref="RegistrationReplyParser"/>: the
    /// obtained credential as UTF-8 bytes in arrays allocated once here, the platform's code and message, and the
    /// HTTP status. Reuse one instance; <see cref="Clear"/> wipes it.
    /// </summary>
    /// <remarks><see cref="ToString"/> never shows the secret, the token or the clientId.</remarks>
    public sealed class RegistrationReply
    {
        /// <summary>Capacity for the device secret and the device token (platform secrets are 32 characters).</summary>
        public const int SecretCapacity = 128;

        /// <summary>Capacity for the platform's clientId.</summary>
        public const int ClientIdCapacity = 192;

        /// <summary>Capacity for the platform's message (longer messages are dropped, the code is kept).</summary>
        public const int MessageCapacity = 256;

        internal readonly byte[] _secret = new byte[SecretCapacity];
        internal readonly byte[] _clientId = new byte[ClientIdCapacity];
        internal readonly byte[] _message = new byte[MessageCapacity];
        internal int _secretLength;
        internal int _clientIdLength;
        internal int _messageLength;

        /// <summary>What was obtained; <see cref="RegistrationKind.None"/> unless the registration succeeded.</summary>
        public RegistrationKind Kind { get; internal set; }

        /// <summary>The HTTP status of an HTTPS registration (0 before the status line, and for MQTT).</summary>
        public int HttpStatus { get; internal set; }

        /// <summary>The platform's JSON <c>code</c> (200 on success; e.g. 6288, 6289, 6250, 460 on refusal), 0 when absent.</summary>
        public int Code { get; internal set; }

        /// <summary>The length of the platform's <c>message</c> bytes (0 when absent or longer than <see cref="MessageCapacity"/>).</summary>
        public int MessageLength { get { return _messageLength; } }

        /// <summary>The platform's <c>message</c> as a string, or null when absent (allocates).</summary>
        public string GetMessage()
        {
            return _messageLength == 0 ? null : Utf8.GetString(_message, 0, _messageLength);
        }

        /// <summary>The obtained device secret, or null (allocates: call once, to persist it).</summary>
        public string GetDeviceSecret()
        {
            return Kind == RegistrationKind.DeviceSecret ? Utf8.GetString(_secret, 0, _secretLength) : null;
        }

        /// <summary>The obtained device token, or null (allocates).</summary>
        public string GetDeviceToken()
        {
            return Kind == RegistrationKind.DeviceToken ? Utf8.GetString(_secret, 0, _secretLength) : null;
        }

        /// <summary>The platform's clientId of a whitelist-free registration, or null (allocates).</summary>
        public string GetClientId()
        {
            return Kind == RegistrationKind.DeviceToken ? Utf8.GetString(_clientId, 0, _clientIdLength) : null;
        }

        /// <summary>
        /// Fills <paramref name="record"/> with what was obtained: the device secret, or the whitelist-free CONNECT
        /// credentials (<see cref="RegistrationCredentials.CreateWhitelistFree(string, string, string, string)"/>).
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidOperationException">Nothing was obtained (<see cref="Kind"/> is None).</exception>
        public void ToRecord(string productKey, string deviceName, SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            if (Kind == RegistrationKind.DeviceSecret)
            {
                record.SetDeviceSecret(productKey, deviceName, GetDeviceSecret());
            }
            else if (Kind == RegistrationKind.DeviceToken)
            {
                MqttCredentials c = RegistrationCredentials.CreateWhitelistFree(productKey, deviceName, GetClientId(), GetDeviceToken());
                record.SetDeviceToken(productKey, deviceName, c.ClientId, c.Username, c.Password);
            }
            else
            {
                throw new InvalidOperationException("no registration result");
            }
        }

        /// <summary>Zeroes and forgets the credential (secret, token, clientId), keeping status, code and message.</summary>
        public void WipeCredential()
        {
            Array.Clear(_secret, 0, _secret.Length);
            Array.Clear(_clientId, 0, _clientId.Length);
            _secretLength = 0;
            _clientIdLength = 0;
            Kind = RegistrationKind.None;
        }

        /// <summary>Forgets everything and zeroes the secret bytes.</summary>
        public void Clear()
        {
            WipeCredential();
            _messageLength = 0;
            HttpStatus = 0;
            Code = 0;
        }

        /// <summary>Kind, HTTP status and platform code only.</summary>
        public override string ToString()
        {
            string kind = Kind == RegistrationKind.DeviceSecret ? "DeviceSecret" : Kind == RegistrationKind.DeviceToken ? "DeviceToken" : "None";
            return "RegistrationReply(" + kind + ", httpStatus=" + HttpStatus.ToString() + ", code=" + Code.ToString() + ")";
        }
    }
}
