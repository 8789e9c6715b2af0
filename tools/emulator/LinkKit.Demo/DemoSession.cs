using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using LinkKit.Emulator;
using LinkKit.Emulator.ControlApi;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using Microsoft.Extensions.Logging;

namespace LinkKit.Demo;

/// <summary>
/// The README demo's session: the emulator in-process with the demo product and device, and a simulated lamp on the SDK's host
/// profile (LinkKitClient + MqttNetTransport over TLS, trusting only the emulator's exported CA). One line per step; 0 when every
/// step did what it should, 1 at the first that did not. Program.cs runs it from the command line; LinkKit.Console.Tests runs it
/// in-process and watches every step through the emulator's web console. Every wait inside is bounded (10 s); the command
/// line bounds the whole run.
/// </summary>
public sealed class DemoSession(TextWriter output, bool verbose = false)
{
    /// <summary>The control API's port, and with it the web console's; null (the default) leaves that listener off, 0 picks a free port.</summary>
    public int? ApiPort { get; init; }

    /// <summary>Called once the emulator runs with the demo product and device, before the device is set up.</summary>
    public Func<EmulatorHost, Task>? Started { get; init; }

    /// <summary>Called after each step that passed, with its name ("connect", "property post", …), before the next begins.</summary>
    public Func<string, Task>? StepPassed { get; init; }

    /// <summary>Called at the end, passed or failed, before the emulator stops.</summary>
    public Func<EmulatorHost, Task>? Stopping { get; init; }

    /// <summary>How many steps have passed.</summary>
    public int Step { get; private set; }

    public async Task<int> RunAsync()
    {
        Stopwatch total = Stopwatch.StartNew();
        string folder = Path.Combine(Path.GetTempPath(), "linkkit-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        TimeSpan wait = TimeSpan.FromSeconds(10);

        output.WriteLine("LinkKit.Nano demo: a simulated lamp on the SDK (LinkKitClient + MqttNetTransport) against the local emulator");

        EmulatorHost? emulator = null;
        LinkKitClient? client = null;
        RecordingTransport? transport = null;
        string pk = "", dn = "";
        using ILoggerFactory logging = EmulatorHost.CreateConsoleLogging(verbose ? "Information" : "Warning"); // outlives the emulator

        try
        {
            // 1. The emulator, in-process: MQTT over TLS and HTTPS device auth on free loopback ports; the demo product and device.
            emulator = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                DatabasePath = Path.Combine(folder, "emulator.db"),
                MqttPort = null,
                MqttTlsPort = 0,
                ApiPort = ApiPort,
                AuthPort = null,
                AuthTlsPort = 0,
                OtaPort = 0,
            }, logging);
            DemoIdentity demo = await emulator.SeedDemoAsync();
            (pk, dn) = (demo.ProductKey, demo.DeviceName);
            JsonNode product = (await Call("QueryProduct", new { ProductKey = pk }))["Data"]!;
            JsonNode tsl = JsonNode.Parse(product["Tsl"]!.GetValue<string>())!;
            await Ok("emulator", $"started in-process: MQTT/TLS 127.0.0.1:{emulator.MqttTlsPort}, HTTPS device auth 127.0.0.1:{emulator.AuthTlsPort}; " +
                           $"product {pk} (TSL: properties {Names(tsl["properties"])}; event {Names(tsl["events"])}; services {Names(tsl["services"])}; " +
                           $"dynamic registration {(product["DynamicRegistration"]!.GetValue<bool>() ? "on" : "off")}), device {dn} " +
                           $"{(await Detail(dn))["Status"]}");

            if (Started != null) await Started(emulator);

            // 2. The CA: exported to a file as a user would (linkkit-emulator --ca-out), and the device trusts only it.
            string caFile = Path.Combine(folder, "emulator-ca.pem");
            await File.WriteAllTextAsync(caFile, emulator.CaCertificatePem);
            string caPem = await File.ReadAllTextAsync(caFile);
            using (X509Certificate2 ca = X509Certificate2.CreateFromPem(caPem))
                await Ok("CA", $"emulator root exported to {caFile} ({ca.Subject}, SHA-1 {ca.Thumbprint[..16]}…); the device trusts only this root");

            // 3. The device: thing model from the TSL, dynamic registration over HTTPS into a two-slot secret store, then TLS.
            transport = new RecordingTransport(new MqttNetTransport { ConnectTimeout = TimeSpan.FromSeconds(10) });
            var store = new SecretStore(new FileSecretSlots(Path.Combine(folder, FileSecretSlots.FileNameA), Path.Combine(folder, FileSecretSlots.FileNameB)));
            DynamicRegistration registration = DynamicRegistration.OverHttps(store, new SslStreamConnector(10000), "localhost", emulator.AuthTlsPort!.Value, caPem);
            var registered = new BlockingCollection<(int Result, string? Secret)>();
            registration.DeviceRegistered += (_, result, identity) => registered.Add((result, identity?.DeviceSecret));
            var options = new LinkKitOptions
            {
                Port = emulator.MqttTlsPort!.Value,
                UseTls = true,
                CaCertificates = caPem,
                ReconnectMinSeconds = 1,
                ReconnectMaxSeconds = 2,
                RequestTimeoutMilliseconds = 5000,
            };
            client = new LinkKitClient(transport, "127.0.0.1", pk, dn, demo.ProductSecret, registration, options);
            if (verbose) client.EnableLogger(LinkKit.Nano.LogLevel.Debug, new ConsoleLogSink());
            var device = new SimulatedDevice(client);
            byte[] tslBytes = Encoding.UTF8.GetBytes(EmulatorHost.DemoTsl);
            Expect(client.ThingSetup(tslBytes, 0, tslBytes.Length, out string? tslError) == ErrorCode.Ok, "TSL rejected: " + tslError);
            string seen;
            await Ok("thing model", $"the device loaded the product's TSL ({tslBytes.Length} bytes): {client.ThingModel.PropertyCount} properties, " +
                              $"{client.ThingModel.EventCount} event, {client.ThingModel.ServiceCount} services");

            client.ConnectAsync();
            (int regResult, string? secret) = Take(registered, "DeviceRegistered");
            Expect(regResult == ErrorCode.Ok && secret != null, $"dynamic registration failed ({regResult}; platform code {registration.Reply?.Code})");
            bool same = secret == emulator.Store.GetDevice(pk, dn)!.DeviceSecret;
            SecretRecord saved = new();
            Expect(store.Load(saved) == ErrorCode.Ok && saved.DeviceSecret == secret, "the secret was not saved");
            Expect(same, "the obtained secret differs from the registry's");
            await Ok("register", $"HTTPS POST /auth/register/device to localhost:{emulator.AuthTlsPort} signed with the product secret: code {registration.Reply!.Code}; " +
                           $"device secret received ({secret!.Length} characters, not printed; equals the registry's) and saved to the secret store before use");

            int connack = Take(device.Connects, "ConnectCompleted");
            Expect(connack == ConnectResult.Accepted, "connect failed: " + ConnectResult.GetName(connack) + " (" + connack + ")");
            await WaitOnline(pk, dn);
            await Ok("connect", $"TLS to 127.0.0.1:{options.Port}, clientId {emulator.Broker.GetSession(pk, dn)!.ClientId}, password HMAC-SHA256 " +
                          $"with the obtained secret: CONNACK {connack} ({ConnectResult.GetName(connack)}); the cloud lists the device {(await Detail(dn))["Status"]}");

            // 4. Custom topics: an uplink the cloud stores, a downlink the cloud publishes.
            string up = client.ToFullTopic("user/update"), get = client.ToFullTopic("user/get");
            byte[] doorOpen = "{\"door\":\"open\"}"u8.ToArray();
            Expect(client.Publish(up, doorOpen, 0, doorOpen.Length, 1, out _) == ErrorCode.Ok, "publish refused");
            Expect(client.Subscribe(get, 1, out int subscribeId) == ErrorCode.Ok, "subscribe refused");
            SentOn("/user/update");
            JsonNode uplink = await Uplink(up);
            var suback = Take(device.Subscribed, "SUBACK");
            Expect(suback == (subscribeId, 1), "subscription not granted: " + suback);
            await Call("Pub", new { ProductKey = pk, TopicFullName = get, MessageContent = Convert.ToBase64String("{\"led\":\"blink\"}"u8.ToArray()), Qos = 1 });
            seen = Take(device.Seen, "custom downlink");
            Expect(seen == $"MessageReceived {get} \"{{\"led\":\"blink\"}}\" (QoS 1)", "downlink: " + seen);
            await Ok("custom topics", $"published {{\"door\":\"open\"}} on {up} (QoS 1) -> cloud stored \"{Encoding.UTF8.GetString(Convert.FromBase64String(uplink["PayloadBase64"]!.GetValue<string>()))}\"; " +
                                $"subscribed {get} (granted QoS {suback.GrantedQos}), cloud Pub {{\"led\":\"blink\"}} -> device {seen}");

            // 5. Property post, accepted.
            ThingWriter w = client.BeginPropertyPost();
            w.Write("temperature", device.Temperature);
            w.Write("LightSwitch", device.LightOn);
            w.Write("color", device.Color);
            Expect(client.EndPropertyPost(out long postId) == ErrorCode.Ok, "property post not sent");
            string sent = SentOn("/thing/event/property/post");
            var reply = Take(device.PostReplies, "property post reply");
            Expect(reply.RequestId == postId && reply.Code == 200, $"expected the reply to post {postId} with code 200, got (id, code, message) {reply}");
            await Ok("property post", $"sent {sent} -> cloud reply id {reply.RequestId}: code {reply.Code} \"{reply.Message}\"; " +
                                $"the cloud now holds {await PropertyValues(pk, dn)}");

            // 6. Property post refused by the SDK: out of the TSL's range, so nothing is sent.
            w = client.BeginPropertyPost();
            w.Write("temperature", 150.0);
            int refused = client.EndPropertyPost(out _);
            Expect(refused == ErrorCode.ValueOutOfRange && transport.Sent.Count == 0, "an out-of-range post was not refused: " + refused);
            await Ok("refused post", $"temperature 150.0 (TSL range -40..120): EndPropertyPost returned {refused} (ValueOutOfRange) before sending; " +
                               $"nothing published, the cloud still holds temperature={await PropertyValue(pk, dn, "temperature")}");

            // 7. Event post.
            w = client.BeginEventPost("alarm");
            w.Write("level", 3);
            Expect(client.EndEventPost(out long eventId) == ErrorCode.Ok, "event post not sent");
            sent = SentOn("/thing/event/alarm/post");
            var eventReply = Take(device.EventReplies, "event reply");
            Expect(eventReply.RequestId == eventId && eventReply.Code == 200, $"expected the reply to event {eventId} with code 200, got {eventReply}");
            JsonNode stored = (await Call("QueryDeviceEventData", new { ProductKey = pk, DeviceName = dn }))["Data"]!["List"]!["EventInfo"]![0]!;
            await Ok("event post", $"sent {sent} -> reply code {eventReply.Code} \"{eventReply.Message}\"; cloud event log: {stored["Identifier"]} " +
                             $"({stored["EventType"]}) {stored["OutputData"]}");

            // 8. Property set from the cloud.
            string setId = (await Call("SetDeviceProperty", new { ProductKey = pk, DeviceName = dn, Items = new { LightSwitch = 0, color = "blue" } }))["Data"]!["MessageId"]!.GetValue<string>();
            seen = Take(device.Seen, "property set");
            JsonNode setCall = await ServiceReply(pk, dn, "set", setId);
            Expect(setCall["ReplyCode"]!.GetValue<int>() == 200 && !device.LightOn && device.Color == "blue", "property set not applied: " + setCall);
            await Ok("property set", $"cloud SetDeviceProperty {{\"LightSwitch\":0,\"color\":\"blue\"}} (id {setId}) -> device {seen} -> cloud recorded reply code {setCall["ReplyCode"]}");

            // 9. Services from the cloud: async and sync.
            string rebootId = (await Call("InvokeThingService", new { ProductKey = pk, DeviceName = dn, Identifier = "reboot", Args = new { delay = 5 } }))["Data"]!["MessageId"]!.GetValue<string>();
            seen = Take(device.Seen, "reboot call");
            JsonNode rebootCall = await ServiceReply(pk, dn, "reboot", rebootId);
            Expect(rebootCall["ReplyCode"]!.GetValue<int>() == 200, "reboot not answered: " + rebootCall);
            await Ok("async service", $"cloud InvokeThingService reboot {{\"delay\":5}} (id {rebootId}) -> device {seen} -> cloud recorded reply code {rebootCall["ReplyCode"]}");

            JsonNode status = (await Call("InvokeThingService", new { ProductKey = pk, DeviceName = dn, Identifier = "getStatus", Timeout = 8000 }))["Data"]!;
            seen = Take(device.Seen, "getStatus call");
            Expect(status["Code"]!.GetValue<int>() == 200 && status["Result"]!.GetValue<string>() == "{\"uptime\":" + device.AnsweredUptime + "}", "getStatus: " + status);
            await Ok("sync service", $"cloud InvokeThingService getStatus (sync) -> device {seen} -> the cloud call returned code {status["Code"]} result {status["Result"]}");

            // 10. Shadow: the cloud sets a desired state; the device applies it, reports it, and clears the desired state.
            long version = (await Call("UpdateDeviceShadow", new
            {
                ProductKey = pk, DeviceName = dn, ShadowMessage = new { method = "update", state = new { desired = new { color = "green" } }, version = 1 },
            }))["Version"]!.GetValue<long>();
            seen = Take(device.Seen, "shadow control");
            var reported = Take(device.ShadowReplies, "shadow update reply");
            var cleared = Take(device.ShadowReplies, "shadow clear reply");
            string shadow = (await Call("GetDeviceShadow", new { ProductKey = pk, DeviceName = dn }))["ShadowMessage"]!.GetValue<string>();
            Expect(reported == (version + 1, "success") && cleared == (version + 2, "success") && device.Color == "green", $"shadow: {reported} {cleared}");
            await Ok("shadow", $"cloud UpdateDeviceShadow desired {{\"color\":\"green\"}} (version {version}) -> device got {seen} -> replies: version {reported.Version} " +
                         $"{reported.Status}, version {cleared.Version} {cleared.Status}; cloud shadow now {shadow}");

            // 11. RRPC from the cloud.
            JsonObject rrpc = await Call("RRpc", new { ProductKey = pk, DeviceName = dn, RequestBase64Byte = Convert.ToBase64String("ping"u8.ToArray()), Timeout = 8000 });
            seen = Take(device.Seen, "RRPC");
            string answer = rrpc["PayloadBase64Byte"] is JsonNode p ? Encoding.UTF8.GetString(Convert.FromBase64String(p.GetValue<string>())) : "";
            Expect(rrpc["RrpcCode"]!.GetValue<string>() == "SUCCESS" && answer == "pong", "RRPC: " + rrpc);
            await Ok("RRPC", $"cloud RRpc \"ping\" (message {rrpc["MessageId"]}) -> device {seen} -> the cloud call returned {rrpc["RrpcCode"]} \"{answer}\"");

            // 12. Over the air: the lamp runs app 1.0.0; the cloud publishes 1.1.0; the download is cut at 40 % and resumed,
            // verified, installed into the free app slot, booted on trial, confirmed, and the new version reported.
            var bootRecord = new FileSecretSlots(Path.Combine(folder, "appboot_a.bin"), Path.Combine(folder, "appboot_b.bin"));
            var appSlots = new AppSlots(bootRecord);
            var appFiles = new AppSlotFiles(Path.Combine(folder, "app_a.pe"), Path.Combine(folder, "app_b.pe"));
            appSlots.BeginBoot();                                                            // this boot runs the factory app in slot A
            var downloader = new OtaDownloader(new SslStreamConnector(10000), caPem,
                new FileSecretSlots(Path.Combine(folder, "ota_a.bin"), Path.Combine(folder, "ota_b.bin")), new SystemClock()) { RetryMinMilliseconds = 200 };
            var sink = new FileFirmwareSink(appFiles, appSlots);
            var agent = new OtaAgent(client, downloader, sink);
            var downloaded = new BlockingCollection<int>();
            agent.DownloadCompleted += (_, job, result) =>
            {
                if (result == ErrorCode.Ok) result = appSlots.Install(sink.Slot, job);     // the loader's part: record the new image
                downloaded.Add(result);
            };
            Expect(agent.SetVersion("default", "1.0.0") == ErrorCode.Ok, "version report refused");
            byte[] image = new byte[256 * 1024];
            new Random(11).NextBytes(image);
            string firmwareId = (await Call("CreateOTAFirmware", new
            {
                ProductKey = pk, FirmwareName = "lamp-app-1.1.0", DestVersion = "1.1.0", SignMethod = "SHA256", FirmwareBase64 = Convert.ToBase64String(image),
            }))["Data"]!["FirmwareId"]!.GetValue<string>();
            await Call("SetOTADownloadFault", new { FirmwareId = firmwareId, CutAfterBytes = image.Length * 4 / 10 });
            string jobId = (await Call("CreateOTAStaticUpgradeJob", new { FirmwareId = firmwareId, ProductKey = pk, TargetSelection = "SPECIFIC", TargetDeviceName = new[] { dn } }))
                ["Data"]!["JobId"]!.GetValue<string>();
            int installed = Take(downloaded, "OTA download");
            Expect(installed == ErrorCode.Ok, "OTA download or install failed: " + ErrorCode.GetName(installed));
            var rebooted = new AppSlots(bootRecord);                                         // the "reboot": the boot record decides
            Expect(rebooted.BeginBoot() == ErrorCode.Ok, "the boot record cannot be read");
            int bootSlot = rebooted.BootSlot;
            byte[] loaded = appFiles.ReadVerified(rebooted, bootSlot, out string? verifyError);
            Expect(loaded != null && loaded.AsSpan().SequenceEqual(image) && rebooted.IsTrial, "the new image does not verify: " + verifyError);
            Expect(rebooted.ConfirmHealthy() == ErrorCode.Ok, "confirm failed");
            Expect(agent.SetVersion("default", rebooted.BootVersion) == ErrorCode.Ok, "new version report refused");
            JsonNode otaTask = await OtaTask(jobId, "SUCCEEDED");
            await Ok("OTA", $"cloud job {jobId}: firmware 1.1.0 ({image.Length / 1024} KB, SHA-256) pushed; download cut at 40 % and resumed with Range " +
                      $"({downloader.Attempts} connections, {downloader.LastHttpStatus}), digest verified, installed in app slot {"AB"[sink.Slot]}, " +
                      $"booted on trial and confirmed; device reported {rebooted.BootVersion} -> task {otaTask["TaskStatus"]}");

            // 13. Done: DISCONNECT, the cloud sees the device go offline.
            client.Disconnect();
            await WaitOffline(pk, dn);
            await Ok("disconnect", $"DISCONNECT sent; the cloud lists the device {(await Detail(dn))["Status"]}");

            output.WriteLine($"demo finished: all {Step} steps passed in {total.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }
        catch (DemoFailure failure)
        {
            output.WriteLine($"[{Step + 1,2}] FAIL {failure.Message}");
            output.WriteLine($"demo failed after {Step} passed steps ({total.Elapsed.TotalSeconds:0.0} s); run with --verbose for the emulator's and the SDK's logs");
            return 1;
        }
        catch (Exception e)
        {
            output.WriteLine($"[{Step + 1,2}] FAIL {e.GetType().Name}: {e.Message}");
            output.WriteLine($"demo failed after {Step} passed steps ({total.Elapsed.TotalSeconds:0.0} s); run with --verbose for the emulator's and the SDK's logs");
            return 1;
        }
        finally
        {
            client?.Destruct();
            if (emulator != null && Stopping != null) await Stopping(emulator);
            if (emulator != null) await emulator.StopAsync();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }

        async Task Ok(string what, string detail)
        {
            output.WriteLine($"[{++Step,2}] ok   {what,-14} {detail}");
            if (StepPassed != null) await StepPassed(what);
        }

        void Expect(bool condition, string message)
        {
            if (!condition) throw new DemoFailure(message);
        }

        T Take<T>(BlockingCollection<T> queue, string what) =>
            queue.TryTake(out T? item, wait) ? item : throw new DemoFailure($"no {what} within {wait.TotalSeconds:0} s");

        // What the SDK published on a topic ending with the suffix (the transport records every publish).
        string SentOn(string suffix)
        {
            var record = Take(transport!.Sent, "publish on …" + suffix);
            Expect(record.Topic.EndsWith(suffix, StringComparison.Ordinal), $"expected a publish on …{suffix}, got {record.Topic}");
            return record.Payload;
        }

        async Task<JsonObject> Call(string action, object parameters)
        {
            ApiResponse response = await emulator!.Api.InvokeAsync(action, parameters);
            Expect(response.Success, action + " failed: " + response);
            return response.Body;
        }

        async Task<JsonNode> Detail(string deviceName) =>
            (await Call("QueryDeviceDetail", new { ProductKey = pk, DeviceName = deviceName }))["Data"]!;

        async Task<string> PropertyValues(string pk, string dn)
        {
            JsonArray list = (await Call("QueryDevicePropertyStatus", new { ProductKey = pk, DeviceName = dn }))["Data"]!["List"]!["PropertyStatusInfo"]!.AsArray();
            return string.Join(" ", list.Select(i => $"{i!["Identifier"]}={i["Value"]}"));
        }

        async Task<string> PropertyValue(string pk, string dn, string identifier)
        {
            JsonArray list = (await Call("QueryDevicePropertyStatus", new { ProductKey = pk, DeviceName = dn }))["Data"]!["List"]!["PropertyStatusInfo"]!.AsArray();
            return list.Single(i => i!["Identifier"]!.GetValue<string>() == identifier)!["Value"]!.GetValue<string>();
        }

        // The cloud's newest stored uplink on a topic (stored as the message arrives: bounded poll).
        async Task<JsonNode> Uplink(string topic)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (true)
            {
                JsonArray list = (await Call("QueryDeviceUplinks", new { ProductKey = pk, DeviceName = dn }))["Data"]!["List"]!.AsArray();
                JsonNode? found = list.FirstOrDefault(u => u!["Topic"]!.GetValue<string>() == topic);
                if (found != null) return found;
                if (DateTime.UtcNow > deadline) throw new DemoFailure("the cloud stored nothing on " + topic);
                await Task.Delay(20);
            }
        }

        // The cloud records a device's reply to an async call when it arrives: poll for it (bounded).
        async Task<JsonNode> ServiceReply(string pk, string dn, string identifier, string messageId)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (true)
            {
                JsonArray calls = (await Call("QueryDeviceServiceData", new { ProductKey = pk, DeviceName = dn, Identifier = identifier }))["Data"]!["List"]!["ServiceInfo"]!.AsArray();
                JsonNode? call = calls.FirstOrDefault(c => c!["MessageId"]!.GetValue<string>() == messageId);
                if (call?["ReplyCode"] != null) return call;
                if (DateTime.UtcNow > deadline) throw new DemoFailure($"the cloud recorded no reply to {identifier} {messageId}");
                await Task.Delay(20);
            }
        }

        // An OTA task reaches a status when the device's report arrives: poll for it (bounded).
        async Task<JsonNode> OtaTask(string jobId, string status)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (true)
            {
                JsonNode task = (await Call("ListOTATaskByJob", new { JobId = jobId }))["Data"]!["SimpleOTATaskInfo"]![0]!;
                if (task["TaskStatus"]!.GetValue<string>() == status) return task;
                if (DateTime.UtcNow > deadline) throw new DemoFailure($"OTA task {jobId} is {task["TaskStatus"]}, not {status}");
                await Task.Delay(20);
            }
        }

        async Task WaitOnline(string pk, string dn)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (!emulator!.Broker.IsOnline(pk, dn))
            {
                if (DateTime.UtcNow > deadline) throw new DemoFailure("the cloud does not list the device online");
                await Task.Delay(10);
            }
        }

        async Task WaitOffline(string pk, string dn)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (emulator!.Broker.IsOnline(pk, dn))
            {
                if (DateTime.UtcNow > deadline) throw new DemoFailure("the cloud still lists the device online");
                await Task.Delay(10);
            }
        }

        static string Names(JsonNode? list) => string.Join(", ", list!.AsArray().Select(n => n!["identifier"]!.GetValue<string>()));
    }
}

sealed class DemoFailure(string message) : Exception(message);
