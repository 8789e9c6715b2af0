using System;
using System.Device.Gpio;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace LinkKit.Esp32Sample
{
    /// <summary>
    /// The loader: the small, stable firmware deployed once per board. It joins Wi-Fi, takes the device identity
    /// from the flash secret store (or registers dynamically), asks <see cref="AppSlots"/> which application image
    /// to run, loads it from <c>I:\</c> after checking its digest, starts it, connects, and keeps the OTA agent
    /// running: a verified download is installed into the free slot and the board reboots into it; a new version
    /// is kept once it reports healthy while connected, and abandoned after <see cref="AppSlots.MaxTrialBoots"/>
    /// boots without that. The application (the lamp: samples/esp32-app) is the part updated in the field. See
    /// README.md.
    /// </summary>
    public static class Program
    {
        private const int WifiTimeoutMilliseconds = 60000;
        private const int RetryMilliseconds = 10000;
        // A new version must be healthy and connected within this time, or the board reboots (one failed try).
        private const int HealthMilliseconds = 5 * 60 * 1000;
        // Time for the last progress report to leave before a reboot.
        private const int RebootDelayMilliseconds = 3000;

        // The app module's files: the OTA resume position (the boot record and app slots: AppSlotFiles).
        private const string OtaStatePathA = "I:\\ota_a.bin";
        private const string OtaStatePathB = "I:\\ota_b.bin";

        // Libraries only the app uses: naming a type of each keeps them referenced, so they are deployed with the
        // loader (an app image can use only assemblies that are already on the board).
        private static readonly Type[] s_appLibraries = { typeof(GpioController), typeof(NativeMemory) };

        private static readonly PlatformClock s_clock = new PlatformClock(new TickCountClock(), new SystemClock());
        private static AppSlots s_slots;
        private static FileFirmwareSink s_sink;

        public static void Main()
        {
            Debug.WriteLine("LinkKit.Nano loader starting (" + s_appLibraries.Length.ToString() + " app libraries deployed)");

            string error;
            DeviceSettings settings = DeviceSettings.Load(DeviceSettings.DefaultPath, out error);
            if (settings == null) Halt(error);

            // 1. Which image runs this boot: every decision is AppSlots'.
            AppSlotFiles files = new AppSlotFiles();
            s_slots = new AppSlots(new FileSecretSlots(AppSlotFiles.DefaultRecordPathA, AppSlotFiles.DefaultRecordPathB));
            int rc = s_slots.BeginBoot();
            if (rc != ErrorCode.Ok) Debug.WriteLine("boot record: " + ErrorCode.GetName(rc));
            IAppEntry app = LoadApp(files);
            string version = s_slots.BootVersion;
            if (version == null && app != null) version = app.GetType().Assembly.GetName().Version.ToString();   // a factory image

            while (!ConnectWifi(settings)) Thread.Sleep(RetryMilliseconds);

            // 2. The client and the OTA agent, before connecting: the agent reports the version on every connect.
            LinkKitClient client = CreateClient(settings);
            if (client == null) Halt("no device identity: provision the board with tools/flash, or set productKey, deviceName and productSecret in settings.json");
            client.EnableLogger(LogLevel.Info, new DebugLogSink());
            client.ConnectCompleted += OnConnectCompleted;
            client.Disconnected += OnDisconnected;
            // The platform's time on every connect (SNTP set the clock at boot for TLS; this keeps it the platform's).
            s_clock.Attach(client);
            s_clock.Synchronized += OnClockSynchronized;

            OtaDownloader downloader = new OtaDownloader(new SslStreamConnector(), AliyunRootCertificates.Pem,
                new FileSecretSlots(OtaStatePathA, OtaStatePathB), new SystemClock());
            s_sink = new FileFirmwareSink(files, s_slots);
            OtaAgent ota = new OtaAgent(client, downloader, s_sink);
            ota.AutoDownload = false;                // until the running version is settled (step 4)
            ota.DownloadCompleted += OnDownloadCompleted;
            // Until a new version is confirmed the cloud hears the one it can fall back to.
            string reported = s_slots.IsTrial ? s_slots.GetVersion(s_slots.ActiveSlot) : version;
            if (reported != null) ota.SetVersion(OtaAgent.DefaultModule, reported);

            // 3. The app starts (thing model, handlers, its threads), then the client connects.
            AppHost host = new AppHost(client, ota, version, s_slots.IsTrial);
            if (app != null) StartApp(app, host);
            client.ConnectAsync();

            // 4. Healthy means: the app says so and the cloud is reachable (a version that cannot connect could never
            //    be updated again). A version on trial that does not get there is abandoned by rebooting; any other
            //    boot takes updates once connected, healthy or not, so a broken app can still be replaced.
            if (!WaitHealthy(client, host, app != null))
            {
                if (s_slots.IsTrial) Reboot("the new version did not report healthy in time", false);
                Debug.WriteLine("the app has not reported healthy; updates stay possible");
                while (client.State != LinkKitState.Connected) Thread.Sleep(1000);
            }
            string rolledBack = s_slots.RolledBackVersion;
            if (rolledBack != null) ota.ReportProgress(OtaStep.UpgradeFailed, "version " + rolledBack + " did not start; rolled back", null);
            rc = s_slots.ConfirmHealthy();           // outside a trial it only forgets the reported rollback
            if (rc != ErrorCode.Ok) Debug.WriteLine("could not confirm the running version: " + ErrorCode.GetName(rc));
            if (version != null && !s_slots.IsTrial) ota.SetVersion(OtaAgent.DefaultModule, version);
            ota.AutoDownload = s_slots.InstallSlot != AppSlots.None;
            if (ota.AutoDownload) ota.QueryFirmware(null);   // offers heard so far were not downloaded
            Debug.WriteLine("running " + (version ?? "no app") + "; waiting for updates");
            Thread.Sleep(Timeout.Infinite);
        }

        // The boot slot's image, verified then loaded. An image that fails before loading is rejected and the
        // fallback tried at once; one that fails while loading is rejected and the board reboots, so the fallback
        // loads into a clean runtime (a half-loaded assembly cannot be unloaded).
        private static IAppEntry LoadApp(AppSlotFiles files)
        {
            while (s_slots.BootSlot != AppSlots.None)
            {
                int slot = s_slots.BootSlot;
                string error;
                byte[] image = files.ReadVerified(s_slots, slot, out error);
                if (image == null)
                {
                    Debug.WriteLine("app slot " + slot.ToString() + " rejected: " + error);
                    s_slots.Reject();
                    continue;
                }
                IAppEntry app = AppLoader.Load(image, out error);
                if (app != null)
                {
                    Debug.WriteLine("app slot " + slot.ToString() + (s_slots.IsTrial ? " (trial boot " + s_slots.TrialBoots.ToString() + ")" : "") + ": " + app.GetType().FullName);
                    return app;
                }
                Reboot("app slot " + slot.ToString() + " did not load: " + error, true);
            }
            Debug.WriteLine("no app image: the loader runs alone until an update arrives");
            return null;
        }

        private static void StartApp(IAppEntry app, AppHost host)
        {
            try
            {
                app.Start(host);
            }
            catch (Exception e)
            {
                Reboot("the app failed to start: " + e.Message, true);
            }
        }

        // True once connected with a healthy app (or none); false after HealthMilliseconds.
        private static bool WaitHealthy(LinkKitClient client, AppHost host, bool hasApp)
        {
            for (int waited = 0; waited < HealthMilliseconds; waited += 1000)
            {
                if (client.State == LinkKitState.Connected && (!hasApp || host.IsHealthy)) return true;
                Thread.Sleep(1000);
            }
            return false;
        }

        // Runs on the download thread once every file is in the sink and verified.
        private static void OnDownloadCompleted(OtaAgent sender, OtaJob job, int result)
        {
            if (result != ErrorCode.Ok) return;                       // the agent has reported the failure step
            if (!job.ModuleEquals(OtaAgent.DefaultModule)) return;    // this loader updates the app module only
            int rc = s_slots.Install(s_sink.Slot, job);
            if (rc != ErrorCode.Ok)
            {
                sender.ReportProgress(OtaStep.UpgradeFailed, "install failed: " + ErrorCode.GetName(rc), null);
                return;
            }
            Reboot("installed " + job.GetVersion() + " in app slot " + s_sink.Slot.ToString(), false);
        }

        // A rejected image is recorded as failed first, so the next boot loads the fallback.
        private static void Reboot(string reason, bool reject)
        {
            Debug.WriteLine(reason + "; rebooting");
            if (reject) s_slots.Reject();
            Thread.Sleep(RebootDelayMilliseconds);
            Power.RebootDevice(RebootOption.NormalReboot);
        }

        private static LinkKitClient CreateClient(DeviceSettings settings)
        {
            LinkKitOptions options = new LinkKitOptions();   // TLS 8883 with the Aliyun roots, HMAC-SHA256 (no clock needed)
            options.Clock = s_clock;                          // the SDK's time is the platform's once it has answered
            options.InstanceId = settings.InstanceId;
            options.ReconnectMaxSeconds = 60;
            options.OfflineQueueBytes = 8 * 1024;              // posts made offline are kept (about 50) and sent later with their time
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

        // The board's clock follows the platform's (what its time checks compare against).
        private static void OnClockSynchronized(PlatformClock sender, long unixTimeMilliseconds)
        {
            DateTime utc = new DateTime(1970, 1, 1).AddMilliseconds(unixTimeMilliseconds);
            Rtc.SetSystemTime(utc);
            Debug.WriteLine("clock set from the platform: UTC " + utc.ToString());
        }

        private static void OnConnectCompleted(LinkKitClient sender, bool sessionPresent, int result)
        {
            Debug.WriteLine("connect result " + ConnectResult.GetName(result));
        }

        private static void OnDisconnected(LinkKitClient sender, int reason)
        {
            Debug.WriteLine("disconnected (" + DisconnectReason.GetName(reason) + "); the SDK reconnects");
        }

        private static void OnDeviceRegistered(LinkKitClient client, int result, SecretRecord identity)
        {
            // identity holds the secret: never log it (its ToString leaves it out).
            Debug.WriteLine("dynamic registration result " + ErrorCode.GetName(result));
        }

        private static void Halt(string reason)
        {
            Debug.WriteLine("halted: " + reason);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
