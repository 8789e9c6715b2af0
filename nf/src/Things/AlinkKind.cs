namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The one vocabulary for the Alink messages the SDK tells apart: what <see cref="ThingTopics.Classify"/> makes
    /// of an incoming topic, the kind a pending request or call is recorded under (<see cref="RequestTable"/>,
    /// <see cref="RrpcTable"/>), and what the thing layer's one dispatch switch routes on. A request kind classified on
    /// a downlink is that request's reply.
    /// </summary>
    internal enum AlinkKind
    {
        /// <summary>Not a thing-model topic (a custom topic, OTA, …): left to the application's message handler.</summary>
        None = 0,

        /// <summary><c>/sys/{pk}/{dn}/thing/service/property/set</c>, answered on <c>…/set_reply</c>.</summary>
        PropertySet = 1,

        /// <summary><c>…/thing/service/property/get</c> (not handled by the SDK, as in Python).</summary>
        PropertyGet = 2,

        /// <summary>A property post; downlink: its <c>…/thing/event/property/post_reply</c>.</summary>
        PropertyPost = 3,

        /// <summary>An event post (tag: the event index); downlink: <c>…/thing/event/{eventId}/post_reply</c>, identifier the event id.</summary>
        EventPost = 4,

        /// <summary><c>…/thing/service/{serviceId}</c>: an asynchronous service call; the identifier is the service id.</summary>
        Service = 5,

        /// <summary><c>/ext/rrpc/{messageId}/sys/{pk}/{dn}/thing/service/{serviceId}</c>: a synchronous service call, pending under its Alink id.</summary>
        SyncService = 6,

        /// <summary><c>…/thing/model/down_raw</c>.</summary>
        RawDown = 7,

        /// <summary>Raw data up; downlink: <c>…/thing/model/up_raw_reply</c>.</summary>
        RawUp = 8,

        /// <summary>A tags update; downlink: <c>…/thing/deviceinfo/update_reply</c>.</summary>
        TagsUpdate = 9,

        /// <summary>A tags removal (the platform's <c>deviceinfo/delete</c>); downlink: <c>…/thing/deviceinfo/delete_reply</c>.</summary>
        TagsRemove = 10,

        /// <summary>A shadow update or get (untracked: shadow replies carry no id); downlink: <c>/shadow/get/{pk}/{dn}</c>.</summary>
        Shadow = 11,

        /// <summary><c>/sys/{pk}/{dn}/rrpc/request/{messageId}</c>, pending under its message id.</summary>
        SystemRrpc = 12,

        /// <summary><c>/ext/rrpc/{messageId}/{topic}</c> for any other topic (identifier: the inner topic), pending under its message id.</summary>
        CustomRrpc = 13,

        /// <summary>A topic the device itself publishes to (its own uplink echoed back by a plain broker): dropped.</summary>
        Uplink = 14,

        /// <summary>Under <c>/sys/{pk}/{dn}/thing/</c> but not one the SDK knows.</summary>
        UnknownThing = 15,

        /// <summary>Shaped like an RRPC topic but unusable (the message id is not a decimal number, or nothing follows it).</summary>
        Malformed = 16,

        /// <summary>A batch post; downlink: its <c>…/thing/event/property/batch/post_reply</c>.</summary>
        BatchPost = 17,

        /// <summary>A history post; downlink: its <c>…/thing/event/property/history/post_reply</c>.</summary>
        HistoryPost = 18,
        // Field services (numbered from 32, apart from the kinds above).

        /// <summary>A desired-properties query; downlink: <c>…/thing/property/desired/get_reply</c>.</summary>
        DesiredGet = 32,

        /// <summary>A desired-properties deletion; downlink: <c>…/thing/property/desired/delete_reply</c>.</summary>
        DesiredDelete = 33,

        /// <summary>A device log post (untracked); downlink: <c>…/thing/log/post_reply</c>, dropped without a log line.</summary>
        LogPost = 34,

        /// <summary>The device-log switch query; downlink: <c>…/thing/config/log/get_reply</c>.</summary>
        LogSwitch = 35,

        /// <summary><c>…/thing/config/log/push</c>: the cloud turned the device-log switch on or off.</summary>
        LogSwitchPush = 36,

        /// <summary><c>…/thing/bootstrap/notify</c>: the cloud asks the device to find its endpoint again, answered on <c>…/notify_reply</c>.</summary>
        BootstrapNotify = 37,

        /// <summary><c>/sys/{pk}/{dn}/broadcast/request/{messageId}</c>: a broadcast, delivered without a subscription.</summary>
        Broadcast = 38,
    }
}
