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
        /// <summary>What the record holds; <see cref="SecretKind.None"/> after <see cref="Clear"/>.</summary>
        public SecretKind Kind { get; private set; }

        /// <summary>The store's sequence number of this record (set by <see cref="SecretStore.Load"/> and <see cref="SecretStore.Save"/>).</summary>
        public uint Sequence { get; internal set; }

        /// <summary>The product key.</summary>
        public string ProductKey { get; private set; }

        /// <summary>The device name.</summary>
        public string DeviceName { get; private set; }

        /// <summary>The device secret (kind <see cref="SecretKind.DeviceSecret"/>), else null.</summary>
        public string DeviceSecret { get; private set; }

        /// <summary>The complete CONNECT clientId, <c>…|authType=connwl,…|</c> (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string ClientId { get; private set; }

        /// <summary>The CONNECT username, <c>{deviceName}&amp;{productKey}</c> (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string Username { get; private set; }

        /// <summary>The deviceToken, sent as the CONNECT password (kind <see cref="SecretKind.DeviceToken"/>), else null.</summary>
        public string DeviceToken { get; private set; }

        /// <summary>Makes this a device-secret record.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty.</exception>
        public void SetDeviceSecret(string productKey, string deviceName, string deviceSecret)
        {
            CheckField(productKey, "productKey");
            CheckField(deviceName, "deviceName");
            CheckField(deviceSecret, "deviceSecret");
            Clear();
            Kind = SecretKind.DeviceSecret;
            ProductKey = productKey;
            DeviceName = deviceName;
            DeviceSecret = deviceSecret;
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
            Kind = SecretKind.DeviceToken;
            ProductKey = productKey;
            DeviceName = deviceName;
            ClientId = clientId;
            Username = username;
            DeviceToken = deviceToken;
        }

        /// <summary>Copies every field of <paramref name="other"/>, including its sequence number.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
        public void CopyFrom(SecretRecord other)
        {
            if (other == null) throw new ArgumentNullException("other");
            Kind = other.Kind;
            Sequence = other.Sequence;
            ProductKey = other.ProductKey;
            DeviceName = other.DeviceName;
            DeviceSecret = other.DeviceSecret;
            ClientId = other.ClientId;
            Username = other.Username;
            DeviceToken = other.DeviceToken;
        }

        /// <summary>Forgets every field (the strings themselves stay in the heap until collected).</summary>
        public void Clear()
        {
            Kind = SecretKind.None;
            Sequence = 0;
            ProductKey = null;
            DeviceName = null;
            DeviceSecret = null;
            ClientId = null;
            Username = null;
            DeviceToken = null;
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
            Kind = kind;
            Sequence = sequence;
            ProductKey = productKey;
            DeviceName = deviceName;
            if (kind == SecretKind.DeviceSecret)
            {
                DeviceSecret = first;
            }
            else
            {
                ClientId = first;
                Username = second;
                DeviceToken = third;
            }
        }

        private static void CheckField(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length == 0) throw new ArgumentException("empty", name);
        }
    }
}
