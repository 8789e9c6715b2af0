using System;
using System.Diagnostics;
using System.Threading;
using LinkKit.Esp32Sample;
using LinkKit.Nano;
using LinkKit.Nano.Json;
using LinkKit.Nano.Ota;

namespace LinkKit.Esp32App
{
    /// <summary>
    /// The application the loader (samples/esp32) runs from an app slot, and what an OTA update replaces: the thing
    /// model from <c>I:\tsl.json</c>, an LED driven by property sets, periodic property posts and a synchronous
    /// <c>getStatus</c> service. It reports healthy once the cloud has accepted its first property post.
    /// </summary>
    public sealed class LampApp : IAppEntry
    {
        private const string TslPath = "I:\\tsl.json";

        // Identifiers of tsl.json: string literals are interned, so writing them allocates nothing.
        private const string LightSwitch = "LightSwitch";
        private const string Uptime = "Uptime";
        private const string FreeManagedMemory = "FreeManagedMemory";
        private const string FreeNativeMemory = "FreeNativeMemory";
        private const string GetStatus = "getStatus";

        private readonly AutoResetEvent _postNow = new AutoResetEvent(false);
        private AppHost _host;
        private LinkKitClient _client;
        private DeviceSettings _settings;
        private Board _board;

        /// <summary>Called by the loader before it connects: thing model, handlers, the main loop's thread.</summary>
        public void Start(AppHost host)
        {
            string error;
            _settings = DeviceSettings.Load(DeviceSettings.DefaultPath, out error);
            if (_settings == null) throw new InvalidOperationException(error);

            ThingModel model;
            if (ThingModelFile.TryLoad(TslPath, out model, out error) != ErrorCode.Ok) throw new InvalidOperationException(error);

            _host = host;
            _client = host.Client;
            _board = new Board(_settings.LedPin);
            _client.ThingSetup(model);
            _client.ThingEnabled += OnThingEnabled;
            _client.PropertySet += OnPropertySet;
            _client.PropertyPostReplied += OnPropertyPostReplied;
            _client.ServiceCalled += OnServiceCalled;
            new Thread(Run).Start();
            Debug.WriteLine("lamp app " + (host.Version ?? "(factory)") + (host.IsTrial ? " on trial" : "") + " started");
        }

        // The main loop: a property post every PostIntervalSeconds (or at once when the LED changed or the thing
        // API was enabled), and a free-memory line every MemoryLogIntervalSeconds. A post allocates nothing here.
        private void Run()
        {
            int postInterval = _settings.PostIntervalSeconds * 1000;
            int nextMemoryLog = 0;
            while (true)
            {
                _postNow.WaitOne(postInterval, false);
                PostProperties();   // kept while offline (OfflineQueueBytes) and sent in order, each with its time

                int now = Board.UptimeSeconds();
                if (now >= nextMemoryLog)
                {
                    LogMemory();
                    nextMemoryLog = now + _settings.MemoryLogIntervalSeconds;
                }
            }
        }

        private void PostProperties()
        {
            int largestBlock;
            ThingWriter w = _client.BeginPropertyPost();
            w.Write(LightSwitch, _board.LedOn);
            w.Write(Uptime, Board.UptimeSeconds());
            w.Write(FreeManagedMemory, Board.FreeManagedBytes());
            w.Write(FreeNativeMemory, Board.FreeNativeBytes(out largestBlock));
            long requestId;
            int rc = _client.EndPropertyPost(out requestId);   // Ok: sent, or kept until the link is back
            if (rc != ErrorCode.Ok) Debug.WriteLine("property post refused: " + ErrorCode.GetName(rc));
        }

        private void OnThingEnabled(LinkKitClient sender)
        {
            _postNow.Set();   // report the current state right after (re)connecting
        }

        // The cloud sets properties: the SDK has checked the params against the TSL (460 otherwise) and replies with
        // replyCode after this returns. Runs on the SDK's thread: only set state and wake the main loop.
        private void OnPropertySet(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode)
        {
            int on;
            if (parameters.MoveToProperty(LightSwitch) && parameters.TryGetInt32(out on) == ErrorCode.Ok)   // TSL bool: 0 or 1
            {
                _board.SetLed(on == 1);
                _postNow.Set();   // report the new state
            }
        }

        // The first accepted post proves the app end to end: a version on trial is kept from here on.
        private void OnPropertyPostReplied(LinkKitClient sender, ThingReply reply)
        {
            if (reply.Code == LinkKitClient.ReplySuccess) _host.ReportHealthy();
            else Debug.WriteLine("property post " + reply.RequestId.ToString() + " answered " + reply.Code.ToString());
        }

        private void OnServiceCalled(LinkKitClient sender, ServiceCall call)
        {
            if (call.IdentifierEquals(GetStatus))
            {
                int largestBlock;
                ThingWriter answer = sender.BeginServiceAnswer(call, LinkKitClient.ReplySuccess);   // sync: answered on its RRPC topic
                answer.Write(Uptime, Board.UptimeSeconds());
                answer.Write(FreeManagedMemory, Board.FreeManagedBytes());
                answer.Write(FreeNativeMemory, Board.FreeNativeBytes(out largestBlock));
                answer.Write(LightSwitch, _board.LedOn);
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
    }
}
