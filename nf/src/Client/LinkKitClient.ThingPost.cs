using System;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Handles the cloud's reply to a property post, event post or tags request, or its timeout
    /// (Python's <c>on_thing_prop_post</c>, <c>on_thing_event_post</c>, <c>on_thing_device_info_update</c>/<c>_delete</c>).
    /// </summary>
    /// <param name="sender">The client.</param>
    /// <param name="reply">The reply, lent: valid only during the call.</param>
    public delegate void ThingReplyHandler(LinkKitClient sender, ThingReply reply);

    /// <summary>Handles raw (custom-protocol) data: <see cref="LinkKitClient.RawDataArrived"/> and <see cref="LinkKitClient.RawDataReplied"/>.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="payload">The buffer holding the bytes, lent: valid only during the call.</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many there are.</param>
    public delegate void RawDataHandler(LinkKitClient sender, byte[] payload, int offset, int count);

    /// <summary>Handles <see cref="LinkKitClient.ShadowReceived"/> (Python's <c>on_thing_shadow_get</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="document">The downlink, lent: valid only during the call.</param>
    public delegate void ShadowReceivedHandler(LinkKitClient sender, ShadowDocument document);

    public sealed partial class LinkKitClient
    {
        /// <summary>The cloud answered a property post, or it timed out (Python's <c>on_thing_prop_post</c>). Runs on the transport thread (replies) or the timer thread (timeouts).</summary>
        public event ThingReplyHandler PropertyPostReplied;

        /// <summary>The cloud answered an event post, or it timed out (Python's <c>on_thing_event_post</c>); <see cref="ThingReply.IdentifierEquals"/> names the event.</summary>
        public event ThingReplyHandler EventPostReplied;

        /// <summary>The cloud answered a tags update, or it timed out (Python's <c>on_thing_device_info_update</c>).</summary>
        public event ThingReplyHandler TagsUpdateReplied;

        /// <summary>The cloud answered a tags removal, or it timed out (Python's <c>on_thing_device_info_delete</c>).</summary>
        public event ThingReplyHandler TagsRemoveReplied;

        /// <summary>Raw data arrived on <c>…/thing/model/down_raw</c> (Python's <c>on_thing_raw_data_arrived</c>).</summary>
        public event RawDataHandler RawDataArrived;

        /// <summary>The cloud answered raw data on <c>…/thing/model/up_raw_reply</c> (Python's <c>on_thing_raw_data_post</c>).</summary>
        public event RawDataHandler RawDataReplied;

        /// <summary>
        /// A shadow downlink arrived: the reply to an update or a get, or a desired state pushed by the cloud
        /// (Python's <c>on_thing_shadow_get</c>). <see cref="LatestShadow"/> is updated before the handler runs.
        /// </summary>
        public event ShadowReceivedHandler ShadowReceived;

        /// <summary>
        /// Starts a property post (Python's <c>thing_post_property</c>): write the values into the returned writer,
        /// then call <see cref="EndPropertyPost"/>. Each value is checked against the thing model as it is written.
        /// </summary>
        /// <remarks>
        /// The writer is lent from this call to the End call, which must follow on the same thread; other threads
        /// wait in their Begin call meanwhile. Calling a Begin method again on this thread abandons the unfinished
        /// message (e.g. after an exception).
        /// </remarks>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginPropertyPost()
        {
            return Thing("BeginPropertyPost").Requests.BeginPropertyPost();
        }

        /// <summary>Sends the property post begun by <see cref="BeginPropertyPost"/> (QoS 1) and awaits its reply in <see cref="PropertyPostReplied"/>.</summary>
        /// <param name="requestId">The Alink id of the request, which the reply carries; 0 unless Ok.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (queued for sending); the writer's first error (e.g. <see cref="ErrorCode.PropertyNotDeclared"/>,
        /// <see cref="ErrorCode.ValueOutOfRange"/>, <see cref="ErrorCode.BufferTooSmall"/>); <see cref="ErrorCode.RequestTableFull"/>;
        /// <see cref="ErrorCode.NotConnected"/> or another Publish result. Nothing is sent unless Ok.
        /// </returns>
        /// <exception cref="InvalidOperationException">No property post was begun on this thread.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int EndPropertyPost(out long requestId)
        {
            return Thing("EndPropertyPost").Requests.End(AlinkKind.PropertyPost, "EndPropertyPost", out requestId);
        }

        /// <summary>
        /// Starts the post of event <paramref name="eventIdentifier"/> (Python's <c>thing_trigger_event</c>): write the
        /// event's output values, then call <see cref="EndEventPost"/>. An event the model does not declare (or any
        /// event without a model) makes the End call return <see cref="ErrorCode.EventNotDeclared"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="eventIdentifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginEventPost(string eventIdentifier)
        {
            if (eventIdentifier == null) throw new ArgumentNullException("eventIdentifier");
            return Thing("BeginEventPost").Requests.BeginEventPost(eventIdentifier);
        }

        /// <summary>Sends the event post begun by <see cref="BeginEventPost"/> (QoS 0) and awaits its reply in <see cref="EventPostReplied"/>. Results as <see cref="EndPropertyPost"/>.</summary>
        public int EndEventPost(out long requestId)
        {
            return Thing("EndEventPost").Requests.End(AlinkKind.EventPost, "EndEventPost", out requestId);
        }

        /// <summary>
        /// Starts a shadow update (Python's <c>thing_update_shadow(reported, version)</c>): write the reported values
        /// (not checked against the model), then call <see cref="EndShadowUpdate"/>.
        /// </summary>
        /// <param name="version">The new shadow version; the platform refuses one not above the current (see <see cref="LatestShadow"/>).</param>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginShadowUpdate(long version)
        {
            return Thing("BeginShadowUpdate").Requests.BeginShadowUpdate(version);
        }

        /// <summary>Sends the shadow update (QoS 1); the cloud answers in <see cref="ShadowReceived"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, the writer's first error, or a Publish result.</returns>
        public int EndShadowUpdate()
        {
            long unused;
            return Thing("EndShadowUpdate").Requests.End(AlinkKind.Shadow, "EndShadowUpdate", out unused);
        }

        /// <summary>Abandons the property post, event post or shadow update this thread began (nothing is sent).</summary>
        public void CancelPost()
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.Requests.Cancel();
        }

        /// <summary>Asks the cloud for the device shadow (Python's <c>thing_get_shadow</c>): <c>{"method":"get"}</c>, QoS 1. The answer arrives in <see cref="ShadowReceived"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        public int GetShadow()
        {
            return Thing("GetShadow").Requests.GetShadow();
        }

        /// <summary>
        /// Clears the shadow's desired state after applying it: <c>{"method":"update","state":{"desired":"null"},"version":N}</c>
        /// (Python has no such call; the platform documents this message).
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        public int ClearShadowDesired(long version)
        {
            return Thing("ClearShadowDesired").Requests.ClearShadowDesired(version);
        }

        /// <summary>
        /// Adds or updates device tags (Python's <c>thing_update_tags(dict)</c>): the first <paramref name="tagCount"/>
        /// key/value pairs. The reply arrives in <see cref="TagsUpdateReplied"/>.
        /// </summary>
        /// <param name="keys">Tag keys.</param>
        /// <param name="values">Tag values, one per key.</param>
        /// <param name="tagCount">How many pairs to send (at least 1).</param>
        /// <param name="requestId">The request's Alink id; 0 unless Ok.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/>; <see cref="ErrorCode.RequestTableFull"/>; a Publish result.</returns>
        /// <exception cref="ArgumentNullException">An array, key or value is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="tagCount"/> is not 1..the arrays' length.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        public int UpdateTags(string[] keys, string[] values, int tagCount, out long requestId)
        {
            requestId = 0;
            return Thing("UpdateTags").Requests.SendTags(true, keys, values, tagCount, out requestId);
        }

        /// <summary>Removes device tags (Python's <c>thing_remove_tags(list)</c>): the first <paramref name="tagCount"/> keys. The reply arrives in <see cref="TagsRemoveReplied"/>.</summary>
        /// <returns>As <see cref="UpdateTags"/>.</returns>
        public int RemoveTags(string[] keys, int tagCount, out long requestId)
        {
            requestId = 0;
            return Thing("RemoveTags").Requests.SendTags(false, keys, null, tagCount, out requestId);
        }

        /// <summary>Sends raw (custom-protocol) bytes on <c>…/thing/model/up_raw</c>, QoS 0 (Python's <c>thing_raw_post_data</c>). The cloud's answer arrives in <see cref="RawDataReplied"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result (e.g. <see cref="ErrorCode.PayloadTooLarge"/>).</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public int PostRawData(byte[] data, int offset, int count)
        {
            return Thing("PostRawData").SendRaw(false, "PostRawData", data, offset, count);
        }

        /// <summary>Answers raw data from the cloud on <c>…/thing/model/down_raw_reply</c>, QoS 0 (Python's <c>thing_raw_data_reply</c>).</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public int ReplyRawData(byte[] data, int offset, int count)
        {
            return Thing("ReplyRawData").SendRaw(true, "ReplyRawData", data, offset, count);
        }

        internal void RaiseThingReply(AlinkKind kind, ThingReply reply)
        {
            ThingReplyHandler handler;
            switch (kind)
            {
                case AlinkKind.PropertyPost: handler = PropertyPostReplied; break;
                case AlinkKind.EventPost: handler = EventPostReplied; break;
                case AlinkKind.TagsUpdate: handler = TagsUpdateReplied; break;
                case AlinkKind.BatchPost: handler = BatchPostReplied; break;
                case AlinkKind.HistoryPost: handler = HistoryPostReplied; break;
                case AlinkKind.TagsRemove: handler = TagsRemoveReplied; break;
                case AlinkKind.DesiredDelete: handler = DesiredPropertiesDeleteReplied; break;
                default:
                    RaiseDesiredGetReply(reply);
                    return;
            }

            if (handler == null) return;
            try
            {
                handler(this, reply);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        /// <summary>Raw data down (<paramref name="arrived"/>) or the cloud's answer to raw data up.</summary>
        internal void RaiseRaw(bool arrived, byte[] payload, int offset, int count)
        {
            RawDataHandler handler = arrived ? RawDataArrived : RawDataReplied;
            if (handler == null) return;
            try
            {
                handler(this, payload, offset, count);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        internal void RaiseShadow(ShadowDocument document)
        {
            ShadowReceivedHandler handler = ShadowReceived;
            if (handler == null) return;
            try
            {
                handler(this, document);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }
    }
}
