using System;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Batch and history posts (docs/protocol.md, "Batch and history posts"), in the request envelope of a property post:
    /// batch <c>{"id":"7","version":"1.0","params":{"properties":{…},"events":{…}},"method":"thing.event.property.batch.post"}</c>;
    /// history <c>{"id":"8","version":"1.0","params":[{"identity":{"productKey":…,"deviceName":…},"properties":[…],"events":[…]}],"method":"thing.event.property.history.post"}</c>.
    /// The values come from the lent <see cref="BatchWriter"/>, which lends the <see cref="ThingWriter"/> for each one.
    /// </summary>
    internal sealed partial class AlinkMessageBuilder
    {
        private const int Timed = 50;        // a batch or history post: the BatchWriter holds what is open (far from the main file's states)
        private const string BatchPostMethod = "thing.event.property.batch.post";
        private const string HistoryPostMethod = "thing.event.property.history.post";

        private BatchWriter _batch;          // made by ReserveBatch, once

        /// <summary>True while a batch or history post is open (the BatchWriter's lending).</summary>
        internal bool IsBatchOpen
        {
            get { return _open == Timed; }
        }

        /// <summary>Makes the batch writer for <paramref name="model"/> now (at setup), so no post allocates.</summary>
        internal void ReserveBatch(ThingModel model)
        {
            if (_batch == null) _batch = new BatchWriter(this, _json, _writer);
            _batch.Reserve(model);
        }

        /// <summary>
        /// Starts a batch post checked against <paramref name="model"/> (null: nothing is declared); write the series into
        /// the returned writer, then call <see cref="End"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="buffer"/>.</exception>
        public BatchWriter BeginBatchPost(ThingModel model, long requestId, byte[] buffer, int offset, int count)
        {
            BatchWriter batch = StartTimed(model, requestId, buffer, offset, count);
            _json.WriteStartObject();
            batch.Start(false);
            return batch;
        }

        /// <summary>
        /// Starts a history post with one item, for the device <paramref name="productKey"/>/<paramref name="deviceName"/>;
        /// write the series into the returned writer, then call <see cref="End"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="productKey"/>, <paramref name="deviceName"/> or <paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="buffer"/>.</exception>
        public BatchWriter BeginHistoryPost(ThingModel model, string productKey, string deviceName, long requestId, byte[] buffer, int offset, int count)
        {
            if (productKey == null) throw new ArgumentNullException("productKey");
            if (deviceName == null) throw new ArgumentNullException("deviceName");
            BatchWriter batch = StartTimed(model, requestId, buffer, offset, count);
            _json.WriteStartArray();
            _json.WriteStartObject();
            _json.WritePropertyName("identity");
            _json.WriteStartObject();
            _json.WriteString("productKey", productKey);
            _json.WriteString("deviceName", deviceName);
            _json.WriteEndObject();
            batch.Start(true);
            return batch;
        }

        private BatchWriter StartTimed(ThingModel model, long requestId, byte[] buffer, int offset, int count)
        {
            if (_batch == null || !_batch.IsReservedFor(model)) ReserveBatch(model);
            StartRequest(requestId, buffer, offset, count);
            _open = Timed;
            return _batch;
        }

        /// <summary>End for a batch or history post (<see cref="End"/> has cleared the open state).</summary>
        private int EndTimed()
        {
            int rc = _batch.Finish();
            if (rc != ErrorCode.Ok) return rc;
            _json.WriteString("method", _batch.IsHistory ? HistoryPostMethod : BatchPostMethod);
            _json.WriteEndObject();
            return Result();
        }
    }
}
