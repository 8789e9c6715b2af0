using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Auth;
using LinkKit.Emulator.Broker;
using LinkKit.Emulator.ControlApi;
using LinkKit.Emulator.Downloads;
using LinkKit.Emulator.Ota;
using LinkKit.Emulator.Registry;
using LinkKit.Emulator.RemoteConfig;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator;

/// <summary>Credentials of the demo device that <see cref="EmulatorHost.SeedDemoAsync"/> provisions.</summary>
public sealed record DemoIdentity(string ProductKey, string ProductSecret, string DeviceName, string DeviceSecret,
    string Host, int? MqttPort, int? MqttTlsPort, string CaCertificatePem);

/// <summary>
/// One running emulator: broker, Alink cloud, registry and HTTP listeners. Start it in-process from tests, demos
/// or another program (<c>await using var emulator = await EmulatorHost.StartAsync(options);</c>), or from the
/// command line (<c>linkkit-emulator serve</c>).
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    readonly ILoggerFactory _loggerFactory;
    readonly bool _ownsLoggerFactory;
    readonly CertificateAuthority _authority;
    readonly X509Certificate2? _serverCertificate;
    readonly HttpServers _http = new();
    readonly DownloadSite _downloadSite;
    readonly FileDownloads _downloads;
    bool _stopped;

    EmulatorHost(EmulatorOptions options, ILoggerFactory loggerFactory, bool ownsLoggerFactory, EmulatorStore store,
        CertificateAuthority authority, X509Certificate2? serverCertificate, DownloadUrls downloadUrls)
    {
        Options = options;
        _loggerFactory = loggerFactory;
        _ownsLoggerFactory = ownsLoggerFactory;
        Store = store;
        _authority = authority;
        _serverCertificate = serverCertificate;
        Func<long> clock = options.Clock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Broker = new EmulatorBroker(options, new DeviceAuthenticator(store, options), new TopicPermissions(store.GetProduct),
            new ResourceLimits(options, () => store.WriteQueueDepth, loggerFactory.CreateLogger("Limits")), clock, loggerFactory.CreateLogger("Broker"));
        _downloadSite = new DownloadSite(downloadUrls, clock);
        var ota = new OtaService(store, Broker, FirmwareFiles.Beside(options.DatabasePath), _downloadSite, loggerFactory.CreateLogger("Ota"), clock);
        var remoteConfig = new RemoteConfigService(store, Broker, _downloadSite, loggerFactory.CreateLogger("RemoteConfig"), clock);
        Cloud = new AlinkCloud(store, Broker, ota, remoteConfig, loggerFactory.CreateLogger("Alink"), clock);
        _downloads = new FileDownloads(_downloadSite, loggerFactory.CreateLogger("Downloads"));
        Broker.Handler = Cloud;
        Api = new CloudApi(store, Cloud, Broker, Status, () => CaCertificatePem);
    }

    public EmulatorOptions Options { get; }
    public EmulatorStore Store { get; }
    public EmulatorBroker Broker { get; }
    public AlinkCloud Cloud { get; }

    /// <summary>The control API, callable in-process: <c>await host.Api.InvokeAsync("RegisterDevice", new { ProductKey = pk })</c>.</summary>
    public CloudApi Api { get; }

    public int? MqttPort => Broker.MqttPort;
    public int? MqttTlsPort => Broker.MqttTlsPort;
    public int? ApiPort => _http.ApiPort;
    public int? AuthPort => _http.AuthPort;
    public int? AuthTlsPort => _http.AuthTlsPort;
    public int? OtaPort => _http.OtaPort;

    /// <summary>Host name devices use (the bind address as text).</summary>
    public string Host => Options.BindAddress.ToString();

    public Uri? ApiBaseUri => ApiPort is int p ? new Uri($"http://{HostForUri}:{p}/") : null;

    /// <summary>The web console's page, served on the control API's listener (null with that listener off).</summary>
    public Uri? ConsoleUri => ApiBaseUri is Uri api ? new Uri(api, WebConsole.ConsoleSite.Path) : null;

    string HostForUri => ForUri(Host);

    // An IPv6 address in a URI goes in brackets.
    static string ForUri(string host) => host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host;

    // Where devices are told to reach this machine (download URLs, the bootstrap answer). Binding every address says nothing about
    // how devices reach the machine: loopback unless OtaHost names it.
    string DeviceFacingHost => Options.OtaHost ??
                         (Options.BindAddress.Equals(System.Net.IPAddress.Any) || Options.BindAddress.Equals(System.Net.IPAddress.IPv6Any) ? "127.0.0.1" : Host);

    /// <summary>
    /// The bootstrap endpoint's default answer: this emulator's MQTT listener of the same kind as the request (TLS for HTTPS, plain
    /// for HTTP), else the other one; null with both off. Read per request: the broker's ports are known only once it has started.
    /// </summary>
    MqttEndpoint? OwnMqttEndpoint(bool overTls) =>
        (overTls ? MqttTlsPort ?? MqttPort : MqttPort ?? MqttTlsPort) is int port ? new MqttEndpoint(DeviceFacingHost, port) : null;

    /// <summary>The emulator's root CA as PEM: give it to devices that connect over TLS.</summary>
    public string CaCertificatePem => _authority.RootPem;

    public X509Certificate2 CaCertificate => _authority.Root;

    /// <summary>Opens the database, loads (or creates) the CA, and starts every listener the options ask for.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, ILoggerFactory? loggerFactory = null)
    {
        StartupWarmup.Run();
        bool owns = loggerFactory == null;
        loggerFactory ??= CreateConsoleLogging(options.LogLevel);
        EmulatorStore store = EmulatorStore.Open(options.DatabasePath);
        EmulatorHost host;
        try
        {
            CertificateAuthority authority = await LoadAuthorityAsync(store).ConfigureAwait(false);
            DownloadUrls downloadUrls = await LoadDownloadUrlsAsync(store).ConfigureAwait(false);
            bool tls = options.MqttTlsPort != null || options.AuthTlsPort != null || options.OtaPort != null;
            X509Certificate2? certificate = tls ? authority.IssueServerCertificate(options.TlsHostNames) : null;
            await store.SetAllOfflineAsync().ConfigureAwait(false);
            host = new EmulatorHost(options, loggerFactory, owns, store, authority, certificate, downloadUrls);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        try
        {
            // Downloads first: a device logging in may be pushed an upgrade, whose URLs name the download port.
            await host._http.StartAsync(options, host.Api, store, () => host.CaCertificatePem, host._serverCertificate, host._downloads,
                [host.Cloud.Ota, host.Cloud.RemoteConfig], host.OwnMqttEndpoint, host.Broker.Tap, loggerFactory).ConfigureAwait(false);
            if (host.OtaPort is int otaPort) host._downloadSite.BaseUri = new Uri($"https://{ForUri(host.DeviceFacingHost)}:{otaPort}/");
            await host.Broker.StartAsync(host._serverCertificate).ConfigureAwait(false);
            host.Broker.Limits.Started();
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);      // closes the store too
            throw;
        }
        {
            loggerFactory.CreateLogger("Emulator").LogInformation(
                "LinkKit emulator on {Host}: MQTT {Mqtt}, MQTT/TLS {Tls}, control API {Api}, device auth {Auth}/{AuthTls}, OTA downloads {Ota}, database {Db}",
                host.Host, host.MqttPort?.ToString() ?? "off", host.MqttTlsPort?.ToString() ?? "off", host.ApiPort?.ToString() ?? "off",
                host.AuthPort?.ToString() ?? "off", host.AuthTlsPort?.ToString() ?? "off", host.OtaPort?.ToString() ?? "off", store.DatabasePath);
            if (host.ConsoleUri is Uri console) loggerFactory.CreateLogger("Emulator").LogInformation("web console: {Console}", console);
            if (host.Broker.Limits.MaxConnections != int.MaxValue)
                loggerFactory.CreateLogger("Emulator").LogInformation("connections beyond {Limit} are refused with CONNACK 3", host.Broker.Limits.MaxConnections);
            return host;
        }
    }

    /// <summary>Console logging: one line per entry with a timestamp.</summary>
    public static ILoggerFactory CreateConsoleLogging(string level) => LoggerFactory.Create(b => b
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddFilter("Microsoft", LogLevel.Warning)
        .SetMinimumLevel(Enum.TryParse(level, true, out LogLevel l) ? l : LogLevel.Information));

    const string CaSetting = "ca.pkcs12";

    static async Task<CertificateAuthority> LoadAuthorityAsync(EmulatorStore store)
    {
        if (store.GetSetting(CaSetting) is string saved) return CertificateAuthority.Import(saved);
        CertificateAuthority created = CertificateAuthority.Create();
        await store.SetSettingAsync(CaSetting, created.Export()).ConfigureAwait(false);
        return created;
    }

    // The key that signs download URLs is kept in the database, so URLs given out survive a restart.
    static async Task<DownloadUrls> LoadDownloadUrlsAsync(EmulatorStore store)
    {
        if (store.GetSetting(DownloadUrls.KeySetting) is not string key || store.GetSetting(DownloadUrls.KeyIdSetting) is not string keyId)
        {
            (key, keyId) = DownloadUrls.NewSecrets();
            await store.SetSettingAsync(DownloadUrls.KeySetting, key).ConfigureAwait(false);
            await store.SetSettingAsync(DownloadUrls.KeyIdSetting, keyId).ConfigureAwait(false);
        }
        return new DownloadUrls(Convert.FromBase64String(key), keyId);
    }

    /// <summary>What GetEmulatorStatus answers: ports, online devices, uplink counters and queue depths.</summary>
    public JsonObject Status() => new()
    {
        ["Data"] = new JsonObject
        {
            ["Host"] = Host,
            ["MqttPort"] = MqttPort,
            ["MqttTlsPort"] = MqttTlsPort,
            ["ApiPort"] = ApiPort,
            ["AuthPort"] = AuthPort,
            ["AuthTlsPort"] = AuthTlsPort,
            ["OtaPort"] = OtaPort,
            ["OnlineDevices"] = Broker.OnlineCount,
            ["Uplinks"] = Broker.UplinkCount,
            ["Dropped"] = Broker.DroppedCount,
            ["Connections"] = Broker.OpenConnections,
            ["ConnectionLimit"] = Broker.Limits.MaxConnections,
            ["ConnectionsRefused"] = Broker.Limits.ConnectionsRefused,
            ["UplinksShed"] = Broker.Limits.UplinksShed,
            ["StoreQueueDepth"] = Store.WriteQueueDepth,
            ["StoreQueuePeak"] = Store.WriteQueuePeak,
            ["HeapMegabytes"] = GC.GetTotalMemory(false) / (1024 * 1024),
            ["Database"] = Store.DatabasePath,
        },
    };

    /// <summary>The demo product's thing model: the names the upstream Python SDK's wire capture uses.</summary>
    public const string DemoTsl = """
        {
          "properties": [
            {"identifier": "LightSwitch", "name": "Light switch", "accessMode": "rw", "dataType": {"type": "bool", "specs": {"0": "off", "1": "on"}}},
            {"identifier": "temperature", "name": "Temperature", "accessMode": "rw", "dataType": {"type": "float", "specs": {"min": "-40", "max": "120", "step": "0.1"}}},
            {"identifier": "color", "name": "Color", "accessMode": "rw", "dataType": {"type": "text", "specs": {"length": "32"}}}
          ],
          "events": [
            {"identifier": "alarm", "name": "Alarm", "type": "alert", "outputData": [{"identifier": "level", "name": "Level", "dataType": {"type": "int", "specs": {"min": "0", "max": "10"}}}]}
          ],
          "services": [
            {"identifier": "reboot", "name": "Reboot", "callType": "async", "inputData": [{"identifier": "delay", "name": "Delay", "dataType": {"type": "int", "specs": {"min": "0", "max": "3600"}}}], "outputData": []},
            {"identifier": "getStatus", "name": "Get status", "callType": "sync", "inputData": [], "outputData": [{"identifier": "uptime", "name": "Uptime", "dataType": {"type": "int", "specs": {}}}]}
          ]
        }
        """;

    /// <summary>
    /// Provisions (once; later calls return the same identity) a demo product with <see cref="DemoTsl"/> and
    /// dynamic registration on, and one device, with fixed secrets so a demo can hard-code them.
    /// </summary>
    public async Task<DemoIdentity> SeedDemoAsync(string productKey = "a1DemoPK001", string deviceName = "demo-device-01")
    {
        Product product = Store.GetProduct(productKey) ?? await Cloud.CreateProductAsync(productKey, "LinkKit demo product",
            "DemoProductSecret01", DemoTsl, true, null).ConfigureAwait(false);
        Device device = Store.GetDevice(productKey, deviceName) ??
                        await Cloud.RegisterDeviceAsync(productKey, deviceName, "DemoDeviceSecret0123456789abcdef").ConfigureAwait(false);
        return new DemoIdentity(product.ProductKey, product.ProductSecret, device.DeviceName, device.DeviceSecret, Host, MqttPort, MqttTlsPort,
            CaCertificatePem);
    }

    /// <summary>Stops the listeners and closes the database (data stays in the file).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _http.DisposeAsync().ConfigureAwait(false);
        await Broker.StopAsync().ConfigureAwait(false);
        await Store.SetAllOfflineAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        _serverCertificate?.Dispose();
        _authority.Dispose();
        if (_ownsLoggerFactory) _loggerFactory.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
