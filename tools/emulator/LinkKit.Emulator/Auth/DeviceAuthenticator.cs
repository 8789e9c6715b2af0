using System.Security.Cryptography;
using System.Text;
using LinkKit.Emulator.Broker;
using LinkKit.Emulator.Registry;
using MQTTnet.Server;
using MQTTnet.Protocol;

namespace LinkKit.Emulator.Auth;

/// <summary>The outcome of checking a CONNECT: accepted (with the session it opens) or refused with a CONNACK code.</summary>
public sealed record AuthDecision(MqttConnectReasonCode Code, string Reason, DeviceSession? Session)
{
    public bool Accepted => Code == MqttConnectReasonCode.Success;
}

/// <summary>What the broker knows about one accepted connection.</summary>
public sealed class DeviceSession(string clientId, ConnectCredentials credentials, bool isTls)
{
    public string ClientId { get; } = clientId;
    public ConnectCredentials Credentials { get; } = credentials;
    public string ProductKey => Credentials.ProductKey;
    public string DeviceName => Credentials.DeviceName;
    public LoginKind Kind => Credentials.Kind;
    public bool IsTls { get; } = isTls;

    /// <summary>Registration connections only receive their secret or token; they publish and subscribe nothing.</summary>
    public bool IsRegistration => Kind is LoginKind.Register or LoginKind.RegisterNoWhitelist;

    public string DeviceKey { get; } = credentials.ProductKey + "/" + credentials.DeviceName;

    /// <summary><c>/sys/{pk}/{dn}/</c>: built once, every uplink is checked against it.</summary>
    public string SysPrefix { get; } = "/sys/" + credentials.ProductKey + "/" + credentials.DeviceName + "/";

    /// <summary><c>/{pk}/{dn}/</c>, where the device's custom topics start.</summary>
    public string CustomPrefix { get; } = "/" + credentials.ProductKey + "/" + credentials.DeviceName + "/";

    /// <summary>The filters the broker granted this connection (its downlinks are checked against these).</summary>
    public SessionSubscriptions Subscriptions { get; } = new();

    /// <summary>MQTTnet's session of this connection, once it is online: downlinks for this device are queued on it directly.</summary>
    public MqttSessionStatus? Mqtt { get; set; }
}

/// <summary>
/// Authenticates a CONNECT the way the platform does (docs/protocol.md, MQTT credentials, Dynamic registration and Connections): recomputes the
/// signature with the registered device or product secret, checks securemode against the listener, the product's
/// dynamic-registration switch and the device's activation. Timestamps are not checked for freshness (docs/protocol.md, Connections).
/// </summary>
public sealed class DeviceAuthenticator(EmulatorStore store, EmulatorOptions options)
{
    public AuthDecision Authenticate(string? clientId, string? username, string? password, bool isTls, int keepAliveSeconds)
    {
        ConnectCredentials? credentials = ConnectCredentials.Parse(clientId, username, out string error, out bool clientIdFault);
        if (credentials == null)
            return clientIdFault ? Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, error) : AuthFailure(error);
        if (keepAliveSeconds < options.MinKeepAliveSeconds)
            return Refuse(MqttConnectReasonCode.ServerUnavailable, "keep-alive " + keepAliveSeconds + " s is below " + options.MinKeepAliveSeconds + " s");

        string? secureModeError = CheckSecureMode(credentials, isTls);
        if (secureModeError != null) return AuthFailure(secureModeError);

        Product? product = store.GetProduct(credentials.ProductKey);
        if (product == null) return AuthFailure("product " + credentials.ProductKey + " not found");
        Device? device = store.GetDevice(credentials.ProductKey, credentials.DeviceName);
        var session = new DeviceSession(clientId!, credentials, isTls);

        switch (credentials.Kind)
        {
            case LoginKind.DeviceSecret:
            {
                if (device == null) return AuthFailure("device not found");
                if (device.Status == DeviceStatus.Disabled) return AuthFailure("device disabled");
                string signMethod = credentials.Option("signmethod") ?? "hmacsha1";
                if (!AlinkSigner.IsSupported(signMethod)) return AuthFailure("sign method " + signMethod + " not supported");
                string content = AlinkSigner.DeviceLoginContent(credentials.DevicePart, credentials.ProductKey, credentials.DeviceName,
                    credentials.Option("timestamp"));
                return AlinkSigner.Verify(signMethod, device.DeviceSecret, content, password)
                    ? Accept(session) : AuthFailure("signature check failed");
            }
            case LoginKind.Register:
            case LoginKind.RegisterNoWhitelist:
            {
                if (!product.DynamicRegistration) return AuthFailure("dynamic registration is not enabled for the product");
                if (credentials.Kind == LoginKind.Register && device == null) return AuthFailure("device is not pre-registered");
                if (device != null && device.IsActivated) return AuthFailure("device already activated");
                string signMethod = credentials.Option("signmethod") ?? "hmacsha256";
                if (!AlinkSigner.IsSupported(signMethod)) return AuthFailure("sign method " + signMethod + " not supported");
                string? random = credentials.Option("random");
                if (string.IsNullOrEmpty(random)) return AuthFailure("random missing");
                string content = AlinkSigner.RegistrationContent(credentials.ProductKey, credentials.DeviceName, random);
                return AlinkSigner.Verify(signMethod, product.ProductSecret, content, password)
                    ? Accept(session) : AuthFailure("signature check failed");
            }
            case LoginKind.TokenLogin:
            {
                if (device?.DeviceToken == null) return AuthFailure("no token issued for the device");
                if (device.Status == DeviceStatus.Disabled) return AuthFailure("device disabled");
                bool same = password != null && CryptographicOperations.FixedTimeEquals(
                    Encoding.UTF8.GetBytes(device.DeviceToken), Encoding.UTF8.GetBytes(password));
                return same ? Accept(session) : AuthFailure("token check failed");
            }
            default:
                return AuthFailure("unknown login kind");
        }
    }

    string? CheckSecureMode(ConnectCredentials credentials, bool isTls)
    {
        int? mode = credentials.SecureMode;
        // MQTT dynamic registration is TLS only (docs/protocol.md, Dynamic registration).
        if (credentials.Kind is LoginKind.Register or LoginKind.RegisterNoWhitelist && !isTls)
            return "MQTT dynamic registration needs TLS";
        if (!options.CheckSecureMode || mode == null) return null;
        bool tlsMode = mode is 2 or -2;
        if (tlsMode && !isTls) return "securemode=" + mode + " on a plain TCP connection";
        if (mode == 3 && isTls) return "securemode=3 on a TLS connection";
        if (!tlsMode && mode != 3) return "securemode=" + mode + " not supported";
        return null;
    }

    static AuthDecision Accept(DeviceSession session) => new(MqttConnectReasonCode.Success, "accepted", session);

    static AuthDecision Refuse(MqttConnectReasonCode code, string reason) => new(code, reason, null);

    AuthDecision AuthFailure(string reason) => Refuse(
        options.AuthFailureConnack == 5 ? MqttConnectReasonCode.NotAuthorized : MqttConnectReasonCode.BadUserNameOrPassword, reason);
}
