using System.Net;

namespace LinkKit.Emulator;

/// <summary>How an emulator instance listens and behaves. Ports: 0 picks a free port (tests); null switches a listener off.</summary>
public sealed class EmulatorOptions
{
    /// <summary>SQLite file holding the registry and device data (created if missing).</summary>
    public string DatabasePath { get; set; } = "linkkit-emulator.db";

    /// <summary>Address every listener binds to. Loopback unless the user asks for more.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Plain MQTT (securemode=3).</summary>
    public int? MqttPort { get; set; } = 1883;

    /// <summary>MQTT over TLS with the emulator's CA (securemode=2/-2; needed for MQTT dynamic registration).</summary>
    public int? MqttTlsPort { get; set; } = 8883;

    /// <summary>HTTP control API (<c>POST /api/{Action}</c>).</summary>
    public int? ApiPort { get; set; } = 8080;

    /// <summary>HTTP device-auth endpoint (<c>POST /auth/register/device</c>, <c>POST /auth/bootstrap</c>).</summary>
    public int? AuthPort { get; set; } = 8081;

    /// <summary>HTTPS device-auth endpoint with the emulator's CA.</summary>
    public int? AuthTlsPort { get; set; }

    /// <summary>HTTPS firmware downloads (the URLs in OTA pushes) with the emulator's CA.</summary>
    public int? OtaPort { get; set; } = 8443;

    /// <summary>
    /// Host name or IP address written into OTA download URLs and answered by the bootstrap endpoint; null: the bind address
    /// (127.0.0.1 when binding every address).
    /// A device elsewhere on the network needs the machine's address here, and in <see cref="TlsHostNames"/>.
    /// </summary>
    public string? OtaHost { get; set; }

    /// <summary>Extra DNS names or IP addresses for the TLS server certificate (besides localhost, 127.0.0.1, ::1).</summary>
    public List<string> TlsHostNames { get; set; } = [];

    /// <summary>Uplink payloads larger than this are dropped (logged). Link SDK C 4.x stops at 1 MB; 256 KB is the usually quoted platform figure.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// What a PUBLISH on a topic the device has no permission for does: dropped and logged (default), or the connection
    /// closed as well. MQTT 3.1.1 cannot refuse a PUBLISH; which of the two the platform does is not documented.
    /// </summary>
    public bool CloseOnForbiddenPublish { get; set; }

    /// <summary>Keep-alive below this is refused with CONNACK 3 (Link SDK C 4.x: 30–1200 s).</summary>
    public int MinKeepAliveSeconds { get; set; } = 30;

    /// <summary>CONNACK code for refused credentials: 4 (bad user name or password, default) or 5 (not authorised).</summary>
    public int AuthFailureConnack { get; set; } = 4;

    /// <summary>Check clientId <c>securemode</c> against the listener (2/-2 TLS, 3 plain).</summary>
    public bool CheckSecureMode { get; set; } = true;

    /// <summary>Clock in Unix milliseconds (tests fix it to compare timestamps exactly); null is the system clock.</summary>
    public Func<long>? Clock { get; set; }

    /// <summary>Open connections beyond which a CONNECT is answered CONNACK 3; 0: the descriptor limit less what is open at start and a reserve.</summary>
    public int MaxConnections { get; set; }

    /// <summary>Managed heap in MB beyond which connections are refused and uplinks shed; 0: no limit.</summary>
    public int MaxHeapMegabytes { get; set; }

    /// <summary>Database writes waiting beyond which uplinks are shed (each device waits for its own write, so this rarely binds).</summary>
    public int MaxStoreQueue { get; set; } = 50_000;

    /// <summary>Log level name for the console (Trace, Debug, Information, Warning, Error, None).</summary>
    public string LogLevel { get; set; } = "Information";
}
