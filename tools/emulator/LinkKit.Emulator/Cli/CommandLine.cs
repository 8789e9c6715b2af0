using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Broker;
using LinkKit.Emulator.Load;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Cli;

/// <summary>The <c>linkkit-emulator</c> command: serve, call, ca, load, help.</summary>
public static class CommandLine
{
    public const string Help = """
        linkkit-emulator: a local emulator of Alibaba Cloud IoT Platform's device-facing side.

        Usage:
          linkkit-emulator serve [options]        run the emulator until Ctrl+C
          linkkit-emulator call <Action> [--api URL] (--json '{...}' | --<Param> <value> ...)
                                                  call the control API of a running emulator
          linkkit-emulator ca [--db FILE] [--out FILE]
                                                  print (or write) the emulator's CA certificate as PEM
          linkkit-emulator load [--devices N] [--seconds S] [--tls] [--workers W]
                                                  load test: N simulated devices, one property post per second each
          linkkit-emulator load-worker --target HOST:PORT --credentials FILE --from A --count N --seconds S --start-at UNIX_MS
                                                  one worker process of a load test (started by load; runnable by hand)
          linkkit-emulator help                   this text

        serve options:
          --db FILE                 SQLite database (default linkkit-emulator.db); data survives restarts
          --bind ADDRESS            address every listener binds to (default 127.0.0.1; anything else exposes the emulator)
          --mqtt-port N|off         plain MQTT, securemode=3 (default 1883)
          --mqtts-port N|off        MQTT over TLS with the emulator's CA, securemode=2/-2 (default 8883)
          --api-port N|off          HTTP control API (default 8080)
          --auth-port N|off         HTTP dynamic registration POST /auth/register/device (default 8081)
          --auth-tls-port N|off     the same over HTTPS (default off)
          --ota-port N|off          HTTPS downloads of firmware and configuration files (default 8443)
          --ota-host NAME           host or IP written into download URLs and bootstrap answers (default: the bind address; 127.0.0.1 for 0.0.0.0)
          --tls-host NAME           extra DNS name or IP for the TLS certificate (repeatable)
          --ca-out FILE             write the CA certificate (PEM) to FILE for devices
          --seed-demo               provision the demo product a1DemoPK001 and device demo-device-01
          --max-payload BYTES       uplinks larger than this are dropped (default 262144)
          --max-connections N       CONNACK 3 beyond N open connections (default: the descriptor limit less a reserve)
          --max-heap-mb N           CONNACK 3 and uplinks shed while the managed heap is above N MB (default: no limit)
          --max-store-queue N       uplinks shed while N database writes wait (default 50000)
          --close-on-forbidden-publish  close a device's connection when it publishes without permission (default: drop + log)
          --min-keepalive S         keep-alive below S seconds is refused with CONNACK 3 (default 30)
          --auth-failure-connack 4|5  CONNACK code for bad credentials (default 4)
          --no-securemode-check     accept any securemode on any listener
          --log-level LEVEL         Trace, Debug, Information (default), Warning, Error

        call: POST http://127.0.0.1:8080/api/<Action> with the JSON body; prints the JSON answer; exit code 0 when
        "Success" is true. Per-parameter flags become string fields (true/false become booleans, {...} and [...] JSON).
          linkkit-emulator call CreateProduct --ProductName lamp --DynamicRegistration true
          linkkit-emulator call RegisterDevice --ProductKey a1B2c3D4e5F --DeviceName lamp-01
          linkkit-emulator call SetDeviceProperty --json '{"ProductKey":"a1B2c3D4e5F","DeviceName":"lamp-01","Items":{"LightSwitch":1}}'
        Actions: CreateProduct UpdateProduct QueryProduct RegisterDevice QueryDeviceDetail QueryDevice DisableThing EnableThing SetDeviceProperty
          InvokeThingService QueryDeviceServiceData RRpc Pub CreateProductTopic QueryProductTopic UpdateProductTopic DeleteProductTopic
          UpdateDeviceShadow GetDeviceShadow QueryDevicePropertyStatus QueryDevicePropertyData QueryDeviceEventData QueryDeviceProp
          QueryDeviceUplinks GetCaCertificate GetEmulatorStatus CreateOTAFirmware ListOTAFirmware QueryOTAFirmware DeleteOTAFirmware
          CreateOTAStaticUpgradeJob QueryOTAJob ListOTATaskByJob CancelOTATaskByJob ListOTAModuleVersionsByDevice SetOTADownloadFault
          ClearOTADownloadFaults UpdateProductConfig QueryProductConfig PushProductConfig ListProductConfigPushes
          (parameters: tools/emulator/README.md, or GET /api)

        load: without --target, starts an emulator in-process (temporary database), registers the devices and writes
        their credentials to a temporary file (0600, removed at the end); with --target, loads an emulator already
        running. The devices are driven by worker processes (this program's load-worker) that post from a common start
        time; the summary gives connect time and rate, sent / replied / lost, reply latency p50/p90/p99/max, the CPU
        per wall second of the emulator and of each worker, the peaks of the emulator's *Depth and *Peak status fields
        and the load average. Exit code 0 when every device connected and no reply was lost.
          --devices N               simulated devices (default 1000; with --target, every device of --credentials)
          --seconds S               posting time (default 60)
          --tls                     connect over TLS (in-process emulator)
          --workers W               worker processes (default one per 5000 devices)
          --connect-parallel K      connections each worker opens at a time (default 100)
          --grace G                 seconds to wait for outstanding replies after the run (default 5)
          --target HOST:PORT        MQTT listener of a running emulator, instead of an in-process one
          --credentials FILE        with --target: ProductKey,DeviceName,DeviceSecret lines (a header line is allowed)
          --api http://HOST:PORT    with --target: control API, polled for GetEmulatorStatus (online, queue depths)
          --tls-ca FILE             with --target: the CA (PEM) of a TLS listener; connects over TLS

        load-worker: connects devices A..A+N-1 of FILE (K at a time), waits until UNIX_MS (or, with --start-at stdin,
        prints 'ready' on stderr and waits for 'start UNIX_MS' on stdin), posts for S seconds, waits up to G seconds for
        outstanding replies, disconnects and prints one JSON line with its counts, latency histogram and CPU on stdout.
          --tls-ca FILE  --grace G (default 5)  --connect-parallel K (default 100)  --progress SECONDS (default 10)
        """;

    static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "seed-demo", "tls", "no-securemode-check", "close-on-forbidden-publish", "help" };

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var a = new Arguments(args, Flags);
            string command = a.Positional.Count > 0 ? a.Positional[0] : "help";
            if (a.Flag("help")) command = "help";
            return command switch
            {
                "serve" => await ServeAsync(a).ConfigureAwait(false),
                "call" => await CallAsync(a).ConfigureAwait(false),
                "ca" => await CaAsync(a).ConfigureAwait(false),
                "load" => await LoadAsync(a).ConfigureAwait(false),
                "load-worker" => await LoadWorkerAsync(a).ConfigureAwait(false),
                "help" or "-h" or "--help" => PrintHelp(0),
                _ => throw new UsageException("unknown command " + command),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            Console.Error.WriteLine("run 'linkkit-emulator help' for usage");
            return 2;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException or
                                       Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine("error: " + ex.Message);      // a port in use, an unwritable database, …
            return 1;
        }
    }

    static int PrintHelp(int code)
    {
        Console.WriteLine(Help);
        return code;
    }

    public static EmulatorOptions ParseServeOptions(Arguments a)
    {
        var options = new EmulatorOptions();
        options.DatabasePath = a.Get("db") ?? options.DatabasePath;
        if (a.Get("bind") is string bind)
            options.BindAddress = IPAddress.TryParse(bind, out IPAddress? ip) ? ip : throw new UsageException("--bind must be an IP address");
        options.MqttPort = a.Port("mqtt-port", options.MqttPort);
        options.MqttTlsPort = a.Port("mqtts-port", options.MqttTlsPort);
        options.ApiPort = a.Port("api-port", options.ApiPort);
        options.AuthPort = a.Port("auth-port", options.AuthPort);
        options.AuthTlsPort = a.Port("auth-tls-port", options.AuthTlsPort);
        options.OtaPort = a.Port("ota-port", options.OtaPort);
        options.OtaHost = a.Get("ota-host") ?? options.OtaHost;
        options.TlsHostNames.AddRange(a.GetAll("tls-host"));
        options.MaxPayloadBytes = a.Int("max-payload", options.MaxPayloadBytes);
        options.MinKeepAliveSeconds = a.Int("min-keepalive", options.MinKeepAliveSeconds);
        int connack = a.Int("auth-failure-connack", options.AuthFailureConnack);
        options.AuthFailureConnack = connack is 4 or 5 ? connack : throw new UsageException("--auth-failure-connack must be 4 or 5");
        options.CheckSecureMode = !a.Flag("no-securemode-check");
        options.CloseOnForbiddenPublish = a.Flag("close-on-forbidden-publish");
        options.LogLevel = a.Get("log-level") ?? options.LogLevel;
        options.MaxConnections = a.Int("max-connections", options.MaxConnections);
        options.MaxHeapMegabytes = a.Int("max-heap-mb", options.MaxHeapMegabytes);
        options.MaxStoreQueue = a.Int("max-store-queue", options.MaxStoreQueue);
        return options;
    }

    static async Task<int> ServeAsync(Arguments a)
    {
        EmulatorOptions options = ParseServeOptions(a);
        await using EmulatorHost host = await EmulatorHost.StartAsync(options).ConfigureAwait(false);
        if (a.Get("ca-out") is string caOut)
        {
            await File.WriteAllTextAsync(caOut, host.CaCertificatePem).ConfigureAwait(false);
            Console.WriteLine("CA certificate written to " + caOut);
        }
        if (a.Flag("seed-demo"))
        {
            DemoIdentity demo = await host.SeedDemoAsync().ConfigureAwait(false);
            Console.WriteLine($"demo device: productKey={demo.ProductKey} deviceName={demo.DeviceName} deviceSecret={demo.DeviceSecret} productSecret={demo.ProductSecret}");
        }
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        Console.WriteLine("emulator running; Ctrl+C stops it");
        await stop.Task.ConfigureAwait(false);
        Console.WriteLine("stopping");
        return 0;
    }

    static async Task<int> CallAsync(Arguments a)
    {
        if (a.Positional.Count < 2) throw new UsageException("call needs an action name");
        string action = a.Positional[1];
        string api = (a.Get("api") ?? "http://127.0.0.1:8080").TrimEnd('/');
        string body = a.Get("json") ?? BodyFromFlags(a);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync($"{api}/api/{action}", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine("error: cannot reach " + api + ": " + ex.Message);
            return 1;
        }
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            JsonNode? node = JsonNode.Parse(text);
            Console.WriteLine(node!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Alink.AlinkJson.WriterOptions.Encoder }));
            return node["Success"]?.GetValue<bool>() == true ? 0 : 1;
        }
        catch (JsonException)
        {
            Console.WriteLine(text);
            return 1;
        }
    }

    static string BodyFromFlags(Arguments a)
    {
        var body = new JsonObject();
        foreach (string name in a.OptionNames)
        {
            if (name.Equals("api", StringComparison.OrdinalIgnoreCase)) continue;
            string value = a.Get(name)!;
            body[name] = value switch
            {
                "true" => true,
                "false" => false,
                _ when value.StartsWith('{') || value.StartsWith('[') => JsonNode.Parse(value),
                _ => value,
            };
        }
        return body.ToJsonString();
    }

    static async Task<int> CaAsync(Arguments a)
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            DatabasePath = a.Get("db") ?? new EmulatorOptions().DatabasePath,
            MqttPort = null, MqttTlsPort = null, ApiPort = null, AuthPort = null, OtaPort = null, LogLevel = "Warning",
        }).ConfigureAwait(false);
        if (a.Get("out") is string file) await File.WriteAllTextAsync(file, host.CaCertificatePem).ConfigureAwait(false);
        else Console.Write(host.CaCertificatePem);
        return 0;
    }

    static async Task<int> LoadAsync(Arguments a)
    {
        var settings = new LoadSettings
        {
            Devices = a.Get("devices") != null ? Positive(a, "devices", 0) : null,
            Seconds = Positive(a, "seconds", 60),
            UseTls = a.Flag("tls"),
            Workers = a.Get("workers") != null ? Positive(a, "workers", 0) : 0,
            ConnectParallelism = Positive(a, "connect-parallel", 100),
            GraceSeconds = a.Int("grace", 5),
            Target = a.Get("target"),
            CredentialsFile = a.Get("credentials"),
            ApiUrl = a.Get("api"),
            TlsCaFile = a.Get("tls-ca"),
        };
        if (settings.Target != null && settings.CredentialsFile == null) throw new UsageException("--target needs --credentials");
        if (settings.Target == null && (settings.CredentialsFile ?? settings.ApiUrl ?? settings.TlsCaFile) != null)
            throw new UsageException("--credentials, --api and --tls-ca go with --target");
        if (settings.Target != null && settings.UseTls && settings.TlsCaFile == null) throw new UsageException("--tls with --target needs --tls-ca");
        LoadReport report;
        try { report = await LoadGenerator.RunAsync(settings, Console.Out).ConfigureAwait(false); }
        catch (ArgumentException ex) { throw new UsageException(ex.Message); }      // e.g. more --devices than --credentials holds
        Console.WriteLine(report.ToText());
        return report.RepliesLost == 0 && report.ConnectFailureCount == 0 ? 0 : 1;
    }

    static async Task<int> LoadWorkerAsync(Arguments a)
    {
        string startAt = a.Get("start-at") ?? throw new UsageException("load-worker needs --start-at UNIX_MS (or stdin)");
        var settings = new LoadWorkerSettings
        {
            Target = a.Get("target") ?? throw new UsageException("load-worker needs --target HOST:PORT"),
            CredentialsFile = a.Get("credentials") ?? throw new UsageException("load-worker needs --credentials FILE"),
            From = a.Int("from", 0),
            Count = Positive(a, "count", 0),
            Seconds = Positive(a, "seconds", 60),
            StartAtUnixMs = startAt == "stdin" ? null
                : long.TryParse(startAt, out long ms) ? ms : throw new UsageException("--start-at must be Unix milliseconds or stdin"),
            TlsCaFile = a.Get("tls-ca"),
            GraceSeconds = a.Int("grace", 5),
            ConnectParallelism = Positive(a, "connect-parallel", 100),
            ProgressSeconds = Positive(a, "progress", 10),
        };
        if (settings.From < 0) throw new UsageException("--from must not be negative");
        try
        {
            return await LoadWorker.RunAsync(settings, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    static int Positive(Arguments a, string name, int fallback)
    {
        int n = a.Int(name, fallback);
        return n > 0 ? n : throw new UsageException("--" + name + " must be a positive number");
    }
}
