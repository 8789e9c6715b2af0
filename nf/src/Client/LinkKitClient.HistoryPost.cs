using System;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    public sealed partial class LinkKitClient
    {
        /// <summary>The cloud answered a batch post, or it timed out (<see cref="ErrorCode.RequestTimedOut"/>). Runs on the transport thread (replies) or the timer thread (timeouts).</summary>
        public event ThingReplyHandler BatchPostReplied;

        /// <summary>The cloud answered a history post, or it timed out (<see cref="ErrorCode.RequestTimedOut"/>). Runs on the transport thread (replies) or the timer thread (timeouts).</summary>
        public event ThingReplyHandler HistoryPostReplied;

        /// <summary>
        /// Starts a batch post (<c>…/thing/event/property/batch/post</c>): many dated values per property and per event
        /// in one request, e.g. what the device measured while offline. Write the series into the returned writer, each
        /// identifier and value checked against the thing model as it is written, then call <see cref="EndBatchPost"/>.
        /// </summary>
        /// <remarks>
        /// Lent like <see cref="BeginPropertyPost"/>: until the End call on the same thread (other threads wait in their
        /// Begin call; a Begin call on this thread abandons it; <see cref="CancelPost"/> drops it). Without a thing model
        /// every identifier is refused, as in an event post.
        /// </remarks>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public BatchWriter BeginBatchPost()
        {
            return Thing("BeginBatchPost").Requests.BeginBatchPost();
        }

        /// <summary>Sends the batch post begun by <see cref="BeginBatchPost"/> (QoS 1) and awaits its reply in <see cref="BatchPostReplied"/>.</summary>
        /// <param name="requestId">The Alink id of the request, which the reply carries; 0 unless Ok.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (queued for sending); the writer's first error (e.g. <see cref="ErrorCode.PropertyNotDeclared"/>,
        /// <see cref="ErrorCode.EventNotDeclared"/>, <see cref="ErrorCode.ValueOutOfRange"/>, <see cref="ErrorCode.BufferTooSmall"/>,
        /// <see cref="ErrorCode.Malformed"/> for a series left open); <see cref="ErrorCode.RequestTableFull"/>;
        /// <see cref="ErrorCode.NotConnected"/> or another Publish result. Nothing is sent unless Ok.
        /// </returns>
        /// <exception cref="InvalidOperationException">No batch post was begun on this thread.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int EndBatchPost(out long requestId)
        {
            return Thing("EndBatchPost").Requests.End(AlinkKind.BatchPost, "EndBatchPost", out requestId);
        }

        /// <summary>
        /// Starts a history post (<c>…/thing/event/property/history/post</c>) for this device: the same calls as
        /// <see cref="BeginBatchPost"/>, sent as one <c>{"id":{"value":…,"time":…}}</c> item per value (so a property may
        /// come back after another). Then call <see cref="EndHistoryPost"/>.
        /// </summary>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public BatchWriter BeginHistoryPost()
        {
            return Thing("BeginHistoryPost").Requests.BeginHistoryPost();
        }

        /// <summary>Sends the history post begun by <see cref="BeginHistoryPost"/> (QoS 1) and awaits its reply in <see cref="HistoryPostReplied"/>. Results as <see cref="EndBatchPost"/>.</summary>
        /// <exception cref="InvalidOperationException">No history post was begun on this thread.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int EndHistoryPost(out long requestId)
        {
            return Thing("EndHistoryPost").Requests.End(AlinkKind.HistoryPost, "EndHistoryPost", out requestId);
        }
    }
}
