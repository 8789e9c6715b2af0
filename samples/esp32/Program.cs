using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Json;
using LinkKit.Nano.Storage;
using nanoFramework.Networking;

namespace LinkKit.Esp32Sample
{
    /// <summary>
    /// Reference firmware for an ESP32 on Alibaba Cloud IoT Platform with LinkKit.Nano: Wi-Fi, the device identity from
    /// the flash secret store (or dynamic registration), the thing model from <c>I:\tsl.json</c>, an LED driven by
    /// property sets, periodic property posts and a synchronous <c>getStatus</c> service. See README.md.
    /// </summary>
    public static class Program
    {
        private const string TslPath = "I:\\tsl.json";
        private const int WifiTimeoutMilliseconds = 60000;
        private const int RetryMilliseconds = 10000;

        // Identifiers of tsl.json: string literals are interned, so writing them allocates nothing.
        private const string LightSwitch = "LightSwitch";
        private const string Uptime = "Uptime";
        private const string FreeManagedMemory = "FreeManagedMemory";
        private const string FreeNativeMemory = "FreeNativeMemory";
        private const string GetStatus = "getStatus";

        private static readonly AutoResetEvent s_postNow = new AutoResetEvent(false);
        private static Board s_board;

        public static void Main()
        {
            Debug.WriteLine("LinkKit.Nano ESP32 sample starting");

            string error;
            DeviceSettings settings = DeviceSettings.Load(DeviceSettings.DefaultPath, out error);
            if (settings == null) Halt(error);

            s_board = new Board(settings.LedPin);

            while (!ConnectWifi(settings)) Thread.Sleep(RetryMilliseconds);

            ThingModel model;
            if (ThingModelFile.TryLoad(TslPath, out model, out error) != ErrorCode.Ok) Halt(error);

            LinkKitClient client = CreateClient(settings);
            if (client == null) Halt("no device identity: provision the board with tools/flash, or set productKey, deviceName and productSecret in settings.json");

            client.EnableLogger(LogLevel.Info, new DebugLogSink());
            client.ThingSetup(model);
            client.ConnectCompleted += OnConnectCompleted;
            client.Disconnected += OnDisconnected;
            client.ThingEnabled += OnThingEnabled;
            client.PropertySet += OnPropertySet;
            client.PropertyPostReplied += OnPropertyPostReplied;
            client.ServiceCalled += OnServiceCalled;
            client.ConnectAsync();   // returns at once; connects and reconnects on the SDK's thread

            Run(client, settings);
        }

        // The main loop: a property post every PostIntervalSeconds (or at once when the LED changed or the thing
        // API was enabled), and a free-memory line every MemoryLogIntervalSeconds. A post allocates nothing here.
        private static void Run(LinkKitClient client, DeviceSettings settings)
        {
            int postInterval = settings.PostIntervalSeconds * 1000;
            int nextMemoryLog = 0;
            while (true)
            {
                s_postNow.WaitOne(postInterval, false);
                if (client.State == LinkKitState.Connected && client.IsThingEnabled) PostProperties(client);

                int now = Board.UptimeSeconds();
                if (now >= nextMemoryLog)
                {
                    LogMemory();
                    nextMemoryLog = now + settings.MemoryLogIntervalSeconds;
                }
            }
        }

        private static void PostProperties(LinkKitClient client)
        {
            int largestBlock;
            ThingWriter w = client.BeginPropertyPost();
            w.Write(LightSwitch, s_board.LedOn);
            w.Write(Uptime, Board.UptimeSeconds());
            w.Write(FreeManagedMemory, Board.FreeManagedBytes());
            w.Write(FreeNativeMemory, Board.FreeNativeBytes(out largestBlock));
            long requestId;
            int rc = client.EndPropertyPost(out requestId);   // NotConnected if the link dropped meanwhile: next round
            if (rc != ErrorCode.Ok) Debug.WriteLine("property post not sent: " + ErrorCode.GetName(rc));
        }

        private static LinkKitClient CreateClient(DeviceSettings settings)
        {
            LinkKitOptions options = new LinkKitOptions();   // TLS 8883 with the Aliyun roots, HMAC-SHA256 (no clock needed)
            options.InstanceId = settings.InstanceId;
            options.ReconnectMaxSeconds = 60;
            M2MqttTransport transport = new M2MqttTransport();

            SecretStore store = new SecretStore(new FileSecretSlots());   // I:\linkkit_a.bin, I:\linkkit_b.bin
            SecretRecord identity = new SecretRecord();
            int rc = store.Load(identity);
            if (rc == ErrorCode.Ok)
            {
                Debug.WriteLine("identity from the secret store: " + identity.ToString());   // ToString never shows the secret
                if (identity.Kind == SecretKind.DeviceSecret)
                {
                    return new LinkKitClient(transport, settings.Region, identity.ProductKey, identity.DeviceName, identity.DeviceSecret, options);
                }

                // A whitelist-free (regnwl) registration stored ready-made CONNECT credentials.
                return new LinkKitClient(transport, settings.Region, identity.ProductKey, identity.DeviceName,
                    new MqttCredentials(identity.ClientId, identity.Username, identity.DeviceToken), options);
            }

            if (rc == ErrorCode.StorageFailed)
            {
                // Unreadable is not empty: a registered device cannot register again (6289), so do not try.
                Debug.WriteLine("secret store unreadable (" + ErrorCode.GetName(rc) + "); not registering");
                return null;
            }

            if (!settings.CanRegister) return null;

            // Empty store: "one type, one secret". The obtained secret is saved to the store before DeviceRegistered
            // runs, so later boots take the branch above.
            Debug.WriteLine("secret store empty: dynamic registration over HTTPS for " + settings.DeviceName);
            DynamicRegistration registration = DynamicRegistration.OverHttps(store, new SslStreamConnector());
            registration.DeviceRegistered += OnDeviceRegistered;
            return new LinkKitClient(transport, settings.Region, settings.ProductKey, settings.DeviceName, settings.ProductSecret, registration, options);
        }

        private static bool ConnectWifi(DeviceSettings settings)
        {
            // TLS needs a valid date: requiresDateTime waits until SNTP has set the clock.
            CancellationTokenSource cs = new CancellationTokenSource(WifiTimeoutMilliseconds);
            bool ok = settings.WifiSsid.Length > 0
                ? WifiNetworkHelper.ConnectDhcp(settings.WifiSsid, settings.WifiPassword, WifiReconnectionKind.Automatic, requiresDateTime: true, token: cs.Token)
                : WifiNetworkHelper.Reconnect(requiresDateTime: true, token: cs.Token);
            if (ok)
            {
                Debug.WriteLine("network ready, UTC " + DateTime.UtcNow.ToString());
                return true;
            }

            Debug.WriteLine("Wi-Fi not ready, status " + ((int)WifiNetworkHelper.Status).ToString() + "; retrying");
            if (WifiNetworkHelper.HelperException != null) Debug.WriteLine("  " + WifiNetworkHelper.HelperException.Message);
            return false;
        }

        private static void OnConnectCompleted(LinkKitClient sender, bool sessionPresent, int result)
        {
            Debug.WriteLine("connect result " + ConnectResult.GetName(result));
        }

        private static void OnDisconnected(LinkKitClient sender, int reason)
        {
            Debug.WriteLine("disconnected (" + DisconnectReason.GetName(reason) + "); the SDK reconnects");
        }

        private static void OnThingEnabled(LinkKitClient sender)
        {
            s_postNow.Set();   // report the current state right after (re)connecting
        }

        private static void OnDeviceRegistered(LinkKitClient client, int result, SecretRecord identity)
        {
            // identity holds the secret: never log it (its ToString leaves it out).
            Debug.WriteLine("dynamic registration result " + ErrorCode.GetName(result));
        }

        // The cloud sets properties: the SDK has checked the params against the TSL (460 otherwise) and replies with
        // replyCode after this returns. Runs on the SDK's thread: only set state and wake the main loop.
        private static void OnPropertySet(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode)
        {
            int on;
            if (parameters.MoveToProperty(LightSwitch) && parameters.TryGetInt32(out on) == ErrorCode.Ok)   // TSL bool: 0 or 1
            {
                s_board.SetLed(on == 1);
                s_postNow.Set();   // report the new state
            }
        }

        private static void OnPropertyPostReplied(LinkKitClient sender, ThingReply reply)
        {
            if (reply.Code != LinkKitClient.ReplySuccess) Debug.WriteLine("property post " + reply.RequestId.ToString() + " answered " + reply.Code.ToString());
        }

        private static void OnServiceCalled(LinkKitClient sender, ServiceCall call)
        {
            if (call.IdentifierEquals(GetStatus))
            {
                int largestBlock;
                ThingWriter answer = sender.BeginServiceAnswer(call, LinkKitClient.ReplySuccess);   // sync: answered on its RRPC topic
                answer.Write(Uptime, Board.UptimeSeconds());
                answer.Write(FreeManagedMemory, Board.FreeManagedBytes());
                answer.Write(FreeNativeMemory, Board.FreeNativeBytes(out largestBlock));
                answer.Write(LightSwitch, s_board.LedOn);
                sender.EndServiceAnswer();
                return;
            }

            sender.AnswerService(call, LinkKitClient.ReplyDeviceError);   // declared in the TSL but not implemented here
        }

        private static void LogMemory()
        {
            int largestBlock;
            int native = Board.FreeNativeBytes(out largestBlock);
            Debug.WriteLine("memory: managed free " + Board.FreeManagedBytes().ToString() + " B, native free " + native.ToString()
                + " B (largest block " + largestBlock.ToString() + " B)");
        }

        private static void Halt(string reason)
        {
            Debug.WriteLine("halted: " + reason);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
