using System;
using System.Threading;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Ota
{
    /// <summary>The progress steps the platform understands besides 0..100 percent.</summary>
    public static class OtaStep
    {
        /// <summary>The upgrade failed (anything not covered below).</summary>
        public const int UpgradeFailed = -1;

        /// <summary>The download failed (the server refused it, or every retry failed).</summary>
        public const int DownloadFailed = -2;

        /// <summary>The downloaded file's digest is not the job's.</summary>
        public const int DigestMismatch = -3;

        /// <summary>The firmware could not be written (flash full or failing).</summary>
        public const int WriteFailed = -4;

        /// <summary>The step that reports a download result (an <see cref="ErrorCode"/>): 100 for Ok, else a failure step.</summary>
        public static int For(int result)
        {
            if (result == ErrorCode.Ok) return 100;
            if (result == ErrorCode.OtaDigestMismatch) return DigestMismatch;
            if (result == ErrorCode.OtaDownloadFailed) return DownloadFailed;
            if (result == ErrorCode.OtaWriteFailed) return WriteFailed;
            return UpgradeFailed;
        }
    }

    /// <summary>Handles <see cref="OtaAgent.JobOffered"/>: the job is lent for the call.</summary>
    public delegate void OtaJobHandler(OtaAgent sender, OtaJob job);

    /// <summary>Handles <see cref="OtaAgent.DownloadCompleted"/>: <paramref name="result"/> is an <see cref="ErrorCode"/>.</summary>
    public delegate void OtaDownloadHandler(OtaAgent sender, OtaJob job, int result);

    /// <summary>
    /// OTA on a <see cref="LinkKitClient"/>: reports the running versions on every connect, hears the cloud's offers
    /// (the push and the answer to <see cref="QueryFirmware"/>), downloads a job's files through an
    /// <see cref="OtaDownloader"/> into an <see cref="IFirmwareSink"/> while reporting progress in 10 % steps (and
    /// -1..-4 on failure), and tells the application when the files are there. The application decides: it can answer
    /// <see cref="JobOffered"/> itself and call <see cref="Download"/> when it suits, or leave
    /// <see cref="AutoDownload"/> on (the default policy: a job for another version than the module runs is downloaded
    /// at once on the agent's thread; an offer arriving during a download is asked for again when it ends).
    /// Activating the new firmware (and reporting the new version after the restart, with <see cref="SetVersion"/>)
    /// is the application's: see the loader pattern in the README.
    /// </summary>
    /// <remarks>
    /// Offers are read into one job lent to <see cref="JobOffered"/>; a download works on its own copy, so an offer
    /// arriving meanwhile does not disturb it. Versions are kept for up to <see cref="MaxModules"/> modules.
    /// </remarks>
    public sealed class OtaAgent
    {
        /// <summary>Modules whose versions the agent reports.</summary>
        public const int MaxModules = 4;

        /// <summary>The module the platform assumes when none is named.</summary>
        public const string DefaultModule = "default";

        private const int ProgressStepPercent = 10;

        /// <summary>How long a download waits for fresh URLs after its link expired.</summary>
        private const int RefreshWaitMilliseconds = 10000;

        private readonly LinkKitClient _client;
        private readonly OtaDownloader _downloader;
        private readonly IFirmwareSink _sink;
        private readonly object _lock = new object();
        private readonly string _upgradeTopic, _firmwareReplyTopic, _informTopic, _progressTopic, _firmwareGetTopic;
        private readonly string _configGetTopic, _configReplyTopic, _configPushTopic, _configPushReplyTopic;
        private readonly OtaJob _config = new OtaJob(2048, 1);
        private readonly byte[] _configId = new byte[24];
        private readonly OtaJob _offer = new OtaJob();
        private readonly OtaJob _active = new OtaJob();
        private readonly OtaJobReader _reader = new OtaJobReader(OtaJob.DefaultMaxFiles);
        private readonly JsonWriter _writer = new JsonWriter(4);
        private readonly byte[] _payload = new byte[512];
        private readonly byte[] _scratch = new byte[24];
        private readonly string[] _modules = new string[MaxModules];
        private readonly string[] _versions = new string[MaxModules];
        private long _nextId;
        private bool _subscribed;
        private bool _busy;
        private long _doneBefore;          // bytes of the job's earlier files, for the percentage
        private long _activeTotal;         // the job's size, counted once per download (the percentage is per chunk)
        private int _lastPercent;
        private string _activeModule;
        private string _missedModule;      // a module offered while a download ran (the default policy asks again)
        private bool _refreshWanted;       // a download waits for fresh URLs of its job
        private bool _quiet;               // a configuration download: no OTA progress
        private readonly ManualResetEvent _refreshed = new ManualResetEvent(false);

        /// <summary>An agent for <paramref name="client"/>, downloading with <paramref name="downloader"/> into <paramref name="sink"/>.
        /// Create it before <see cref="LinkKitClient.ConnectAsync"/> so the first connect already reports the versions
        /// (one made later subscribes at once; <see cref="SetVersion"/> reports at once when connected).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public OtaAgent(LinkKitClient client, OtaDownloader downloader, IFirmwareSink sink)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (downloader == null) throw new ArgumentNullException("downloader");
            if (sink == null) throw new ArgumentNullException("sink");
            _client = client;
            _downloader = downloader;
            _sink = sink;
            string pk = client.ProductKey, dn = client.DeviceName;
            _upgradeTopic = OtaMessages.UpgradeTopic(pk, dn);
            _firmwareGetTopic = OtaMessages.FirmwareGetTopic(pk, dn);
            _firmwareReplyTopic = _firmwareGetTopic + "_reply";
            _informTopic = OtaMessages.InformTopic(pk, dn);
            _progressTopic = OtaMessages.ProgressTopic(pk, dn);
            _configGetTopic = OtaMessages.ConfigGetTopic(pk, dn);
            _configReplyTopic = _configGetTopic + "_reply";
            _configPushTopic = OtaMessages.ConfigPushTopic(pk, dn);
            _configPushReplyTopic = _configPushTopic + "_reply";
            client.ConnectCompleted += OnConnectCompleted;
            client.MessageReceived += OnMessageReceived;
            downloader.Progress += OnDownloadProgress;
            if (client.State == LinkKitState.Connected) SubscribeOffers();   // made after the connect: subscribe now
        }

        /// <summary>When true (the default), an offer for another version than the module runs is downloaded at once.</summary>
        public bool AutoDownload { get; set; } = true;

        /// <summary>True while a download runs.</summary>
        public bool IsBusy
        {
            get { lock (_lock) return _busy; }
        }

        /// <summary>The job being downloaded (a sink serving several modules routes by its module); lent.</summary>
        public OtaJob ActiveJob
        {
            get { return _active; }
        }

        /// <summary>Downloads that met an expired or vanished link and went on with fresh ones from a new query.</summary>
        public int UrlRefreshes { get; private set; }

        /// <summary>Offers that could not be read (malformed or incomplete): counted and dropped.</summary>
        public int DroppedOffers { get; private set; }

        /// <summary>Raised for every offer read (push or query answer), on the connection's thread.</summary>
        public event OtaJobHandler JobOffered;

        /// <summary>
        /// Raised for a remote-configuration offer (the answer to <see cref="QueryConfig"/> or the cloud's push, which the
        /// agent has acknowledged), on the connection's thread: the job's version is the configId, its one file the
        /// configuration. Fetch it with <see cref="DownloadConfig"/> (not on this thread: it blocks).
        /// </summary>
        public event OtaJobHandler ConfigOffered;

        /// <summary>Raised when a download ends, on the downloading thread; Ok means every file is in the sink, verified.</summary>
        public event OtaDownloadHandler DownloadCompleted;

        /// <summary>The version <paramref name="module"/> runs; reported at once when connected, and on every connect.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> (or the publish result when connected); <see cref="ErrorCode.TableFull"/> for a fifth module.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public int SetVersion(string module, string version)
        {
            if (module == null) throw new ArgumentNullException("module");
            if (version == null) throw new ArgumentNullException("version");
            lock (_lock)
            {
                int free = -1;
                for (int i = 0; i < MaxModules; i++)
                {
                    // Null first: nanoCLR's string equality is not safe with a null operand.
                    if (_modules[i] == null)
                    {
                        if (free < 0) free = i;
                    }
                    else if (module.Equals(_modules[i]))
                    {
                        free = i;
                        break;
                    }
                }
                if (free < 0) return ErrorCode.TableFull;
                _modules[free] = module;
                _versions[free] = version;
            }
            return _client.State == LinkKitState.Connected ? Inform(module, version) : ErrorCode.Ok;
        }

        /// <summary>The version last set for <paramref name="module"/>, or null.</summary>
        public string GetVersion(string module)
        {
            lock (_lock)
            {
                for (int i = 0; i < MaxModules; i++)
                {
                    if (_modules[i] != null && _modules[i].Equals(module)) return _versions[i];
                }
                return null;
            }
        }

        /// <summary>Asks the cloud for a pending upgrade of <paramref name="module"/> (null: the default module); the answer
        /// arrives as <see cref="JobOffered"/>, or not at all when there is none.</summary>
        /// <returns>The publish result (<see cref="ErrorCode.NotConnected"/> while reconnecting).</returns>
        public int QueryFirmware(string module)
        {
            lock (_lock)
            {
                int n = OtaMessages.WriteFirmwareGet(_writer, _payload, _scratch, ++_nextId, module);
                return n < 0 ? n : Publish(_firmwareGetTopic, n);
            }
        }

        /// <summary>Asks the cloud for the product's configuration file; the answer arrives as <see cref="ConfigOffered"/>
        /// (not at all when the product has none).</summary>
        /// <returns>The publish result.</returns>
        public int QueryConfig()
        {
            lock (_lock)
            {
                int n = OtaMessages.WriteConfigGet(_writer, _payload, _scratch, ++_nextId);
                return n < 0 ? n : Publish(_configGetTopic, n);
            }
        }

        /// <summary>
        /// Downloads a configuration offer into <paramref name="sink"/> on the calling thread, through the same resumable,
        /// digest-checked path as firmware (no OTA progress is reported for it).
        /// </summary>
        /// <returns>An <see cref="OtaDownloader.Download"/> result; <see cref="ErrorCode.TableFull"/> when a download already runs.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public int DownloadConfig(OtaJob config, IFirmwareSink sink)
        {
            if (config == null) throw new ArgumentNullException("config");
            if (sink == null) throw new ArgumentNullException("sink");
            lock (_lock)
            {
                if (_busy) return ErrorCode.TableFull;
                if (config.CopyTo(_active) != ErrorCode.Ok) return ErrorCode.BufferTooSmall;
                _busy = true;
                _quiet = true;
            }
            try
            {
                return _downloader.Download(_active, 0, sink);
            }
            finally
            {
                lock (_lock)
                {
                    _busy = false;
                    _quiet = false;
                }
            }
        }

        /// <summary>Reports a progress step for <paramref name="module"/>: 0..100 percent or an <see cref="OtaStep"/> failure.</summary>
        /// <returns>The publish result.</returns>
        public int ReportProgress(int step, string desc, string module)
        {
            if (desc == null) throw new ArgumentNullException("desc");
            lock (_lock)
            {
                int n = OtaMessages.WriteProgress(_writer, _payload, _scratch, ++_nextId, step, desc, module ?? DefaultModule);
                return n < 0 ? n : Publish(_progressTopic, n);
            }
        }

        /// <summary>
        /// Downloads every file of <paramref name="job"/> (the lent offer or any job) into the sink, on the calling
        /// thread, reporting progress to the cloud; raises <see cref="DownloadCompleted"/> and returns its result.
        /// </summary>
        /// <returns>An <see cref="OtaDownloader.Download"/> result; <see cref="ErrorCode.TableFull"/> when a download already
        /// runs; <see cref="ErrorCode.BufferTooSmall"/> for a job larger than the agent's copy (<see cref="OtaJob.DefaultTextCapacity"/>).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
        public int Download(OtaJob job)
        {
            if (job == null) throw new ArgumentNullException("job");
            lock (_lock)
            {
                if (_busy) return ErrorCode.TableFull;
                if (job.CopyTo(_active) != ErrorCode.Ok) return ErrorCode.BufferTooSmall;
                _busy = true;
            }
            return RunDownload();
        }

        private int RunDownload()
        {
            int result = ErrorCode.Ok;
            try
            {
                _activeModule = _active.GetModule();
                _doneBefore = 0;
                _activeTotal = _active.TotalSize;
                _lastPercent = 0;
                ReportProgress(0, "download started", _activeModule);
                bool refreshed = false;
                for (int i = 0; i < _active.FileCount && result == ErrorCode.Ok; i++)
                {
                    result = _downloader.Download(_active, i, _sink);
                    // A signed URL that expired (or vanished) before the file was done: ask once for a fresh one and
                    // resume the same file from its saved position, before calling the download failed.
                    if (result == ErrorCode.OtaDownloadFailed && !refreshed && IsStaleUrl(_downloader.LastHttpStatus) && FreshOffer())
                    {
                        refreshed = true;
                        UrlRefreshes++;
                        result = _downloader.Download(_active, i, _sink);
                    }
                    _doneBefore += _active.GetFileSize(i);
                }
                // A cancelled download is not a failed upgrade: it resumes later, so the cloud hears nothing.
                if (result != ErrorCode.OtaCancelled) ReportProgress(OtaStep.For(result), Describe(result), _activeModule);
                OtaDownloadHandler handler = DownloadCompleted;
                if (handler != null)
                {
                    try
                    {
                        handler(this, _active, result);
                    }
                    catch (Exception)
                    {
                        // The application's handler failed; the download's result stands.
                    }
                }
            }
            finally
            {
                lock (_lock) _busy = false;
            }
            string missed = _missedModule;
            _missedModule = null;
            if (missed != null) QueryFirmware(missed);
            return result;
        }

        private static bool IsStaleUrl(int httpStatus)
        {
            return httpStatus == 403 || httpStatus == 404 || httpStatus == 410;
        }

        // Queries the active job's module and waits (bounded) for the answer to carry the same job with new URLs.
        private bool FreshOffer()
        {
            _refreshed.Reset();
            lock (_lock)
            {
                _refreshWanted = true;
            }

            bool answered = QueryFirmware(_activeModule) == ErrorCode.Ok && _refreshed.WaitOne(RefreshWaitMilliseconds, false);
            lock (_lock)
            {
                _refreshWanted = false; // also when the query failed: a later offer must not rewrite the job being downloaded
            }

            return answered;
        }

        private string Describe(int result)
        {
            if (result == ErrorCode.Ok) return "downloaded and verified";
            if (result == ErrorCode.OtaDownloadFailed) return "download failed (HTTP " + _downloader.LastHttpStatus + ")";
            return ErrorCode.GetName(result);
        }

        private void OnDownloadProgress(OtaDownloader sender, int fileIndex, long received, long size)
        {
            if (_quiet) return;
            int percent = _activeTotal > 0 ? (int)((_doneBefore + received) * 100 / _activeTotal) : 0;
            // Every 10 %, and not 100 % yet: that is reported once the digest has matched.
            if (percent - _lastPercent < ProgressStepPercent || percent >= 100) return;
            _lastPercent = percent - percent % ProgressStepPercent;
            ReportProgress(_lastPercent, "downloading", _activeModule);
        }

        private void OnConnectCompleted(LinkKitClient sender, bool sessionPresent, int result)
        {
            if (result != ConnectResult.Accepted) return;
            SubscribeOffers();
            for (int i = 0; i < MaxModules; i++)
            {
                string module, version;
                lock (_lock)
                {
                    module = _modules[i];
                    version = _versions[i];
                }
                if (module != null) Inform(module, version);
            }
        }

        private void OnConfigOffer(TopicMessage message)
        {
            bool push = message.TopicEquals(_configPushTopic);
            lock (_lock)
            {
                int idLength;
                int rc = _reader.ReadConfig(message.Payload, message.PayloadOffset, message.PayloadCount, _config, _configId, out idLength);
                if (rc == ErrorCode.OtaNoJob) return;
                if (rc != ErrorCode.Ok)
                {
                    DroppedOffers++;
                    return;
                }
                // A push is acknowledged at once, as the C SDK does; what the device does with it is the application's.
                if (push)
                {
                    int n = OtaMessages.WriteConfigPushReply(_writer, _payload, _configId, idLength);
                    if (n > 0) Publish(_configPushReplyTopic, n);
                }
            }
            OtaJobHandler handler = ConfigOffered;
            if (handler != null) handler(this, _config);
        }

        // Once: remembered by the client and replayed after reconnects (the platform also delivers them with _ss=1).
        private void SubscribeOffers()
        {
            if (_subscribed) return;
            int id;
            string[] topics = new string[] { _upgradeTopic, _firmwareReplyTopic, _configPushTopic, _configReplyTopic };
            if (_client.Subscribe(topics, new int[] { 1, 0, 1, 0 }, out id) == ErrorCode.Ok) _subscribed = true;
        }

        private void OnMessageReceived(LinkKitClient sender, TopicMessage message)
        {
            if (message.TopicEquals(_configPushTopic) || message.TopicEquals(_configReplyTopic))
            {
                OnConfigOffer(message);
                return;
            }
            if (!message.TopicEquals(_upgradeTopic) && !message.TopicEquals(_firmwareReplyTopic)) return;
            bool start;
            lock (_lock)
            {
                int rc = _reader.Read(message.Payload, message.PayloadOffset, message.PayloadCount, _offer);
                if (rc == ErrorCode.OtaNoJob) return;
                if (rc != ErrorCode.Ok)
                {
                    DroppedOffers++;
                    return;
                }
            }
            lock (_lock)
            {
                // The fresh URLs a running download asked for: same version and module, new links.
                if (_busy && _refreshWanted && SameJob(_offer, _active) && _offer.CopyTo(_active) == ErrorCode.Ok)
                {
                    _refreshed.Set();
                    return;
                }
            }
            OtaJobHandler handler = JobOffered;
            if (handler != null) handler(this, _offer);
            lock (_lock)
            {
                bool wanted = AutoDownload && _offer.FileCount > 0 && !RunsVersionOf(_offer);
                start = wanted && !_busy;
                if (start)
                {
                    _busy = true;
                    _offer.CopyTo(_active);
                }
                else if (wanted)
                {
                    _missedModule = _offer.GetModule();              // asked for again once the running download ends
                }
            }
            if (start) new Thread(DownloadThread).Start();
        }

        private void DownloadThread()
        {
            RunDownload();
        }

        private static bool SameJob(OtaJob a, OtaJob b)
        {
            if (a.FileCount != b.FileCount || a.SignMethod != b.SignMethod) return false;
            if (a._versionLength != b._versionLength || !ByteRanges.Equal(a._text, a._versionAt, b._text, b._versionAt, a._versionLength)) return false;
            if (a._moduleLength != b._moduleLength || !ByteRanges.Equal(a._text, a._moduleAt, b._text, b._moduleAt, a._moduleLength)) return false;
            for (int i = 0; i < a.FileCount; i++)
            {
                if (a._size[i] != b._size[i] || !ByteRanges.Equal(a._digest[i], 0, b._digest[i], 0, a.DigestLength)) return false;
            }
            return true;
        }

        private bool RunsVersionOf(OtaJob job)
        {
            for (int i = 0; i < MaxModules; i++)
            {
                if (_modules[i] != null && job.ModuleEquals(_modules[i])) return job.VersionEquals(_versions[i]);
            }
            return false;
        }

        private int Inform(string module, string version)
        {
            lock (_lock)
            {
                int n = OtaMessages.WriteInform(_writer, _payload, _scratch, ++_nextId, version, module);
                return n < 0 ? n : Publish(_informTopic, n);
            }
        }

        // Reports never throw into a download: a client that is not connected (or no longer) just misses them.
        private int Publish(string topic, int length)
        {
            int id;
            try
            {
                return _client.Publish(topic, _payload, 0, length, 0, out id);
            }
            catch (LinkKitStateException)
            {
                return ErrorCode.NotConnected;
            }
        }
    }
}
