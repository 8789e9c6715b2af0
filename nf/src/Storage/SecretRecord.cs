using System;

namespace LinkKit.Nano.Storage
{
    /// <summary>What a <see cref="SecretRecord"/> holds.</summary>
    public enum SecretKind
    {
        /// <summary>Nothing (a cleared record).</summary>
        None = 0,

        /// <summary>A device secret ("one device, one secret"; also what HTTPS and MQTT <c>register</c> return).</summary>
        DeviceSecret = 1,

        /// <summary>
        /// The ready-made CONNECT credentials of a whitelist-free (<c>regnwl</c>) registration: clientId, username and
        /// the platform's deviceToken as password, sent verbatim (docs/protocol.md, Device token after whitelist-free registration).
        /// </summary>
        DeviceToken = 2,
    }

    /// <summary>
    /// A device identity as kept by <see cref="SecretStore"/>: product key, device name and either a device secret or
    /// whitelist-free connect credentials. Reusable: <see cref="SecretStore.Load"/> fills it in place.
    /// </summary>
    /// <remarks>
    /// <see cref="ToString"/> never shows the secret, the token or the clientId; neither do exceptions thrown here.
    /// Loading happens once at boot, so the fields are plain strings.
    /// </remarks>
    public sealed class SecretRecord
    {
        // Fields behind get-only properties rather than { get; private set; }: an auto-property's setter method and
        // its "<Name>k__BackingField" name cost the device assembly about 50 bytes each.
        private SecretKind _kind;
        private uint _sequence;
        private string _productKey;
        private string _deviceName;
        private string _deviceSecret;
        private string _clientId;
        private string _username;
        private string _deviceToken;

        /// <summary>What the record holds; <see cref="SecretKind.None"/> after <see cref="Clear"/>.</summary>
        public SecretKind Kind
        {
            get { return _kind; }
        }

        /// <summary>The store's sequence number of this record (set by <see cref="SecretStore.Load"/> and <see cref="SecretStore.Save"/>).</summary>
        public uint Sequence
        {
            get { return _sequence; }
            internal set { _sequence = value; }
        }

        /// <summary>The product key.</summary>
        public string ProductKey
        {
            get { return _productKey; }
        }

        /// <summary>The device name.</summary>
        public string DeviceName
        {
            get { return _deviceName; }
        }

        /// <summary>The device secret (kind <see cref="SecretKind.DeviceSecret"/>), else null.</summary>
        public string DeviceSecret
        {
            get { return _deviceSecret; }
        }

        /// <summary>The complete CONNECT clientId, <c>…|authType=connwl,…|</c> (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string ClientId
        {
            get { return _clientId; }
        }

        /// <summary>The CONNECT username, <c>{deviceName}&amp;{productKey}</c> (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string Username
        {
            get { return _username; }
        }

        /// <summary>The deviceToken, sent as the CONNECT password (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string DeviceToken
        {
            get { return _deviceToken; }
        }

        /// <summary>Makes this a device-secret record.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty.</exception>
        public void SetDeviceSecret(string productKey, string deviceName, string deviceSecret)
        {
            CheckField(productKey, "productKey");
            CheckField(deviceName, "deviceName");
            CheckField(deviceSecret, "deviceSecret");
            Clear();
            _kind = SecretKind.DeviceSecret;
            _productKey = productKey;
            _deviceName = deviceName;
            _deviceSecret = deviceSecret;
        }

        /// <summary>Makes this a whitelist-free record holding the three CONNECT strings.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty.</exception>
        public void SetDeviceToken(string productKey, string deviceName, string clientId, string username, string deviceToken)
        {
            CheckField(productKey, "productKey");
            CheckField(deviceName, "deviceName");
            CheckField(clientId, "clientId");
            CheckField(username, "username");
            CheckField(deviceToken, "deviceToken");
            Clear();
            _kind = SecretKind.DeviceToken;
            _productKey = productKey;
            _deviceName = deviceName;
            _clientId = clientId;
            _username = username;
            _deviceToken = deviceToken;
        }

        /// <summary>Copies every field of <paramref name="other"/>, including its sequence number.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
        public void CopyFrom(SecretRecord other)
        {
            if (other == null) throw new ArgumentNullException("other");
            _kind = other.Kind;
            _sequence = other.Sequence;
            _productKey = other.ProductKey;
            _deviceName = other.DeviceName;
            _deviceSecret = other.DeviceSecret;
            _clientId = other.ClientId;
            _username = other.Username;
            _deviceToken = other.DeviceToken;
        }

        /// <summary>Forgets every field (the strings themselves stay in the heap until collected).</summary>
        public void Clear()
        {
            _kind = SecretKind.None;
            _sequence = 0;
            _productKey = null;
            _deviceName = null;
            _deviceSecret = null;
            _clientId = null;
            _username = null;
            _deviceToken = null;
        }

        /// <summary>Kind, product key, device name and sequence; never the secret, token or clientId.</summary>
        public override string ToString()
        {
            string kind = Kind == SecretKind.DeviceSecret ? "DeviceSecret" : Kind == SecretKind.DeviceToken ? "DeviceToken" : "None";
            return "SecretRecord(" + kind + ", productKey=" + ProductKey + ", deviceName=" + DeviceName + ", sequence=" + Sequence.ToString() + ")";
        }

        internal void SetLoaded(SecretKind kind, uint sequence, string productKey, string deviceName, string first, string second, string third)
        {
            Clear();
            _kind = kind;
            _sequence = sequence;
            _productKey = productKey;
            _deviceName = deviceName;
            if (kind == SecretKind.DeviceSecret)
            {
                _deviceSecret = first;
            }
            else
            {
                _clientId = first;
                _username = second;
                _deviceToken = third;
            }
        }

        private static void CheckField(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length == 0) throw new ArgumentException("empty", name);
        }
    }
}
