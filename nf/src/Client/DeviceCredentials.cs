using System;

namespace LinkKit.Nano.Client
{
    /// <summary>
    /// Where a client's MQTT credentials come from: a device secret (signed per <see cref="SignMethod"/>), ready-made
    /// credentials, or dynamic registration with a product secret, run once on the connection thread.
    /// </summary>
    internal sealed class DeviceCredentials
    {
        private readonly string _productKey;
        private readonly string _deviceName;
        private readonly string _productSecret;
        private readonly IDynamicRegistration _registration;
        private readonly bool _useTls;
        private readonly string _deviceInfo;
        private readonly SignMethod _signMethod;
        private readonly IClock _clock;

        // Written by the constructor or by dynamic registration on the connection thread.
        private string _deviceSecret;
        private MqttCredentials _readyMade;

        public DeviceCredentials(string productKey, string deviceName, string deviceSecret, MqttCredentials readyMade, string productSecret, IDynamicRegistration registration, LinkKitOptions options)
        {
            _productKey = productKey;
            _deviceName = deviceName;
            _deviceSecret = deviceSecret;
            _readyMade = readyMade;
            _productSecret = productSecret;
            _registration = registration;
            _useTls = options.UseTls;
            _deviceInfo = options.DeviceInfo;
            _signMethod = options.SignMethod;
            _clock = options.Clock;
        }

        /// <summary>Registers once when the client was built with a product secret; false when that failed (logged).</summary>
        public bool EnsureRegistered(LinkKitClient client)
        {
            if (_deviceSecret != null || _readyMade != null) return true;
            client.Log(LogLevel.Info, "dynamic registration started");
            string deviceSecret = null;
            MqttCredentials credentials = null;
            int rc;
            try
            {
                rc = _registration.Register(client, _productSecret, out deviceSecret, out credentials);
            }
            catch (Exception)
            {
                rc = ErrorCode.TransportFailed;
            }

            if (rc == ErrorCode.Ok && deviceSecret != null && deviceSecret.Length > 0)
            {
                _deviceSecret = deviceSecret;
                return true;
            }

            if (rc == ErrorCode.Ok && credentials != null)
            {
                _readyMade = credentials;
                return true;
            }

            if (client.IsLogging(LogLevel.Error)) client.Log(LogLevel.Error, "dynamic registration failed (" + rc + ")");
            return false;
        }

        /// <summary>
        /// The credentials for the next connect attempt: <paramref name="previous"/> again, except that HMAC-SHA1 is
        /// re-signed with the current clock every time, so a clock corrected by SNTP after boot reaches the next reconnect.
        /// </summary>
        public MqttCredentials ForAttempt(MqttCredentials previous)
        {
            if (_readyMade != null) return _readyMade;
            if (_signMethod == SignMethod.HmacSha1)
            {
                return MqttCredentials.CreateHmacSha1(_productKey, _deviceName, _deviceSecret, _useTls, _deviceInfo, _clock.UnixTimeSeconds());
            }

            return previous != null ? previous : MqttCredentials.CreateHmacSha256(_productKey, _deviceName, _deviceSecret, _useTls, _deviceInfo);
        }
    }
}
