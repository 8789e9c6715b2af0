using System;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.ThingEnabled"/> and <see cref="LinkKitClient.ThingDisabled"/> (Python's <c>on_thing_enable</c>/<c>on_thing_disable</c>).</summary>
    public delegate void ThingStatusHandler(LinkKitClient sender);

    public sealed partial class LinkKitClient
    {
        // Set once by ThingSetup (Initialized only), before the connection thread exists; null before.
        private ThingLayer _thing;

        /// <summary>
        /// Raised when the thing model becomes usable: after every (re)connection of a client that called
        /// ThingSetup, right after <see cref="ConnectCompleted"/> (Python's <c>on_thing_enable</c>).
        /// </summary>
        public event ThingStatusHandler ThingEnabled;

        /// <summary>Raised when the thing model stops being usable: the connection was lost or closed (Python's <c>on_thing_disable</c>).</summary>
        public event ThingStatusHandler ThingDisabled;

        /// <summary>The thing model given to ThingSetup; null before it, and in custom-protocol mode.</summary>
        public ThingModel ThingModel
        {
            get { return _thing != null ? _thing.Model : null; }
        }

        /// <summary>True once ThingSetup was called (with a model or without: custom-protocol mode).</summary>
        public bool IsThingSetUp
        {
            get { return _thing != null; }
        }

        /// <summary>True between <see cref="ThingEnabled"/> and <see cref="ThingDisabled"/>.</summary>
        public bool IsThingEnabled
        {
            get { return _thing != null && _thing.IsEnabled; }
        }

        /// <summary>The latest shadow the cloud sent (Python's <c>local_get_latest_shadow()</c>); null before ThingSetup.</summary>
        public ShadowCache LatestShadow
        {
            get { return _thing != null ? _thing.Shadow : null; }
        }

        /// <summary>Thing-model messages dropped because they could not be read: bad JSON, a missing or mistyped id, code or params, an unusable RRPC topic.</summary>
        public int MalformedMessageCount
        {
            get { return _thing != null ? _thing.MalformedCount : 0; }
        }

        /// <summary>Messages on the device's thing topics that the SDK does not know (an undeclared service or event, an unknown <c>/sys/…/thing/</c> topic); passed on to <see cref="MessageReceived"/>.</summary>
        public int UnknownTopicCount
        {
            get { return _thing != null ? _thing.UnknownTopicCount : 0; }
        }

        /// <summary>Thing-model messages dropped because their payload exceeded <see cref="LinkKitOptions.PayloadBufferCapacity"/>.</summary>
        public int OversizedMessageCount
        {
            get { return _thing != null ? _thing.OversizedCount : 0; }
        }

        /// <summary>Replies dropped because no pending request had their id (late after a timeout, duplicated, or not the device's).</summary>
        public int UnmatchedReplyCount
        {
            get { return _thing != null ? _thing.UnmatchedCount : 0; }
        }

        /// <summary>Messages dropped as the device's own publishes coming back (a plain broker echoing RRPC answers, replies and posts) or as duplicate RRPC requests.</summary>
        public int EchoMessageCount
        {
            get { return _thing != null ? _thing.EchoCount : 0; }
        }

        /// <summary>
        /// Property-set replies dropped: <see cref="LinkKitOptions.OwedReplyCapacity"/> replies were already waiting for
        /// the QoS 1 window or the connection (a full window alone never drops a reply), or the transport refused one.
        /// </summary>
        public int DroppedReplyCount
        {
            get { return _thing != null ? _thing.Answers.DroppedReplyCount : 0; }
        }

        /// <summary>Posts kept by store-and-forward and not yet done: waiting, or sent and awaiting their acknowledgement (<see cref="LinkKitOptions.OfflineQueueBytes"/>).</summary>
        public int OfflineQueuedCount
        {
            get { return _thing != null ? _thing.Requests.OfflineCount : 0; }
        }

        /// <summary>Kept posts dropped: the oldest, to make room under <see cref="OfflineOverflow.DropOldest"/>, or one the transport refused when it was sent.</summary>
        public int OfflineDroppedCount
        {
            get { return _thing != null ? _thing.Requests.OfflineDroppedCount : 0; }
        }

        /// <summary>Posts refused by a full store-and-forward queue under <see cref="OfflineOverflow.RefuseNewest"/> (End… returned <see cref="ErrorCode.OfflineQueueFull"/>).</summary>
        public int OfflineRefusedCount
        {
            get { return _thing != null ? _thing.Requests.OfflineRefusedCount : 0; }
        }

        /// <summary>Property sets and service calls refused (answered 460) because their params broke the thing model.</summary>
        public int InvalidParamsCount
        {
            get { return _thing != null ? _thing.InvalidParamsCount : 0; }
        }

        /// <summary>
        /// Loads the thing model (TSL) exported by the console from <paramref name="tsl"/> and enables the thing
        /// API (Python's <c>thing_setup(file)</c>). Allowed once, before <see cref="ConnectAsync"/>.
        /// </summary>
        /// <param name="tsl">The buffer holding the TSL JSON (UTF-8); not kept.</param>
        /// <param name="offset">Where the TSL starts.</param>
        /// <param name="count">Its length in bytes.</param>
        /// <param name="error">Null on success, else what is wrong and at which byte (see <see cref="LinkKit.Nano.ThingModel.TryLoad"/>).</param>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.InvalidThingModel"/> with nothing set up.</returns>
        /// <exception cref="LinkKitStateException">Not in <see cref="LinkKitState.Initialized"/>.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was already called.</exception>
        public int ThingSetup(byte[] tsl, int offset, int count, out string error)
        {
            CheckThingSetupAllowed();
            ThingModel model;
            int rc = LinkKit.Nano.ThingModel.TryLoad(tsl, offset, count, out model, out error);
            if (rc != ErrorCode.Ok)
            {
                if (IsLogging(LogLevel.Error)) Log(LogLevel.Error, "thing model rejected: " + error);
                return rc;
            }

            ThingSetup(model);
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Enables the thing API with a loaded model, or with none (null: custom-protocol mode, Python's
        /// <c>thing_setup()</c>: raw data, tags, shadow, RRPC and unchecked property posts work; events need a model).
        /// Allocates the thing buffers and tables once. Allowed once, before <see cref="ConnectAsync"/>.
        /// </summary>
        /// <exception cref="LinkKitStateException">Not in <see cref="LinkKitState.Initialized"/>.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was already called, or <see cref="LinkKitOptions.TopicBufferCapacity"/> cannot hold the device's thing topics.</exception>
        public void ThingSetup(ThingModel model)
        {
            CheckThingSetupAllowed();
            _thing = new ThingLayer(this, _session, model, _clock, _requestTimeoutMilliseconds, _maxQueued, _rrpcCapacity, _owedReplyCapacity, _offlineQueueBytes, _offlineOverflow, _shadowCacheCapacity, _subscribeThingTopics);
            Log(LogLevel.Info, model != null ? "thing model set up" : "thing set up without a model (custom protocol)");
        }

        /// <summary>
        /// Reports every request whose reply is overdue to its handler with <see cref="ErrorCode.RequestTimedOut"/>, and
        /// forgets overdue RRPC calls. The SDK calls this every second on a timer thread; call it yourself to have
        /// expirations handled at once (e.g. after changing a test clock).
        /// </summary>
        public void ProcessTimeouts()
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.ProcessTimeouts();
        }

        private void CheckThingSetupAllowed()
        {
            _session.CheckInitialized("ThingSetup");
            if (_thing != null) throw new InvalidOperationException("ThingSetup was already called.");
        }

        /// <summary>The thing layer, for an operation that needs ThingSetup first.</summary>
        private ThingLayer Thing(string operation)
        {
            ThingLayer thing = _thing;
            if (thing == null) throw new InvalidOperationException(operation + " needs ThingSetup first (with a thing model, or none for custom-protocol mode).");
            return thing;
        }

        internal void RaiseThingStatus(bool enabled)
        {
            ThingStatusHandler handler = enabled ? ThingEnabled : ThingDisabled;
            if (handler == null) return;
            try
            {
                handler(this);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }
    }
}
