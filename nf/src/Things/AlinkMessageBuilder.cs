using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Builds the payloads a device sends for the thing model (Alink JSON, compact, UTF-8) into a caller's buffer:
    /// requests with an envelope around values a lent <see cref="ThingWriter"/> adds, replies, tags and shadow
    /// messages. One message at a time; allocates nothing after construction.
    /// </summary>
    /// <remarks>
    /// Shapes (key order as the Python SDK sends them, without its spaces):
    /// property post <c>{"id":"1","version":"1.0","params":{…},"method":"thing.event.property.post"}</c>;
    /// event post <c>{"id":"4","version":"1.0","params":{"value":{…}},"method":"thing.event.alarm.post"}</c>;
    /// reply <c>{"id":"100003","code":200,"data":{…}}</c>;
    /// tags <c>{"id":"5","version":"1.0","params":[{"attrKey":"room","attrValue":"lab"}],"method":"thing.deviceinfo.update"}</c>;
    /// shadow update <c>{"state":{"reported":{…}},"method":"update","version":1}</c>; shadow get <c>{"method":"get"}</c>.
    /// Every method returns the payload length, or a negative <see cref="ErrorCode"/> (then the bytes written are unusable;
    /// nothing is ever written outside the given range).
    /// </remarks>
    internal sealed partial class AlinkMessageBuilder
    {
        private const int None = 0;
        private const int Request = 1;       // property or event post: params object (and "value") open
        private const int Reply = 2;         // data object open
        private const int Shadow = 3;        // state.reported object open
        private const int Refused = 4;       // nothing written: End returns the refusal

        private const string PropertyPostMethod = "thing.event.property.post";
        private const string TagsUpdateMethod = "thing.deviceinfo.update";
        private const string TagsDeleteMethod = "thing.deviceinfo.delete";

        private static readonly byte[] s_eventMethodStart = Utf8.ToArray("thing.event.");
        private static readonly byte[] s_eventMethodEnd = Utf8.ToArray(".post");

        private readonly JsonWriter _json = new JsonWriter(ThingWriter.MaxDepth + 4);
        private readonly ThingWriter _writer = new ThingWriter();
        private readonly byte[] _scratch = new byte[ThingModel.MaxIdentifierBytes + 24];
        private int _open;
        private byte[] _eventName;           // the event of an open event post, for its method
        private long _time;                  // an open post's capture time (Unix ms), or -1 when it carries none
        private long _shadowVersion;

        /// <summary>
        /// Starts a property post; write the properties into the returned writer (checked against
        /// <paramref name="model"/>'s properties, or unchecked when it is null), then call <see cref="End"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="buffer"/>.</exception>
        public ThingWriter BeginPropertyPost(ThingModel model, long requestId, byte[] buffer, int offset, int count)
        {
            return BeginPropertyPost(model, requestId, -1, buffer, offset, count);
        }

        /// <summary>As above; a <paramref name="time"/> (Unix ms) of 0 or more is sent with each property: <c>{"p":{"value":…,"time":…}}</c>.</summary>
        public ThingWriter BeginPropertyPost(ThingModel model, long requestId, long time, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _json.WriteStartObject();
            _eventName = null;
            _time = time;
            _writer.Start(_json, model, model != null ? model.FirstProperty : -1, time);
            return _writer;
        }

        /// <summary>Starts the post of event <paramref name="eventIndex"/> of <paramref name="model"/>; write its output values, then call <see cref="End"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="eventIndex"/> is not an event of the model, or offset/count are outside the buffer.</exception>
        public ThingWriter BeginEventPost(ThingModel model, int eventIndex, long requestId, byte[] buffer, int offset, int count)
        {
            return BeginEventPost(model, eventIndex, requestId, -1, buffer, offset, count);
        }

        /// <summary>As above; a <paramref name="time"/> (Unix ms) of 0 or more is sent beside the outputs: <c>{"value":{…},"time":…}</c>.</summary>
        public ThingWriter BeginEventPost(ThingModel model, int eventIndex, long requestId, long time, byte[] buffer, int offset, int count)
        {
            if (model == null) throw new ArgumentNullException("model");
            int firstOutput = model.GetEventFirstOutput(eventIndex);  // also checks the index
            StartRequest(requestId, buffer, offset, count);
            _json.WriteStartObject();
            _json.WritePropertyName("value");
            _json.WriteStartObject();
            _eventName = model.EventName(eventIndex);
            _time = time;
            _writer.Start(_json, model, firstOutput);
            return _writer;
        }

        /// <summary>
        /// Starts a reply (to a service call or property set) with <paramref name="code"/>; write its data into the
        /// returned writer (checked against the list from <paramref name="firstOutput"/> when <paramref name="model"/>
        /// is not null), then call <see cref="End"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="buffer"/>.</exception>
        public ThingWriter BeginReply(ThingModel model, int firstOutput, long requestId, int code, byte[] buffer, int offset, int count)
        {
            Start(buffer, offset, count, Reply);
            _json.WriteStartObject();
            _json.WritePropertyName("id");
            WriteIdString(requestId);
            _json.WriteNumber("code", code);
            _json.WritePropertyName("data");
            _json.WriteStartObject();
            _writer.Start(_json, model, firstOutput);
            return _writer;
        }

        /// <summary>Starts a shadow update of the reported state; write the reported values (unchecked), then call <see cref="End"/>.</summary>
        /// <param name="version">The shadow version to send; the platform requires it to exceed the current one.</param>
        public ThingWriter BeginShadowUpdate(long version, byte[] buffer, int offset, int count)
        {
            Start(buffer, offset, count, Shadow);
            _shadowVersion = version;
            _json.WriteStartObject();
            _json.WritePropertyName("state");
            _json.WriteStartObject();
            _json.WritePropertyName("reported");
            _json.WriteStartObject();
            _writer.Start(_json, null, -1);
            return _writer;
        }

        /// <summary>
        /// Lends a writer that refuses everything with <paramref name="error"/> (e.g. <see cref="ErrorCode.EventNotDeclared"/>),
        /// so a Begin… call that cannot build its message still follows the Begin/End pattern; <see cref="End"/> returns the error.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is not negative.</exception>
        public ThingWriter BeginRefused(int error)
        {
            if (error >= 0) throw new ArgumentOutOfRangeException("error");
            if (_open != None) _writer.Abandon();
            _open = Refused;
            _writer.Start(_json, null, -1);
            _writer.SetError(error);
            return _writer;
        }

        /// <summary>Completes the message begun last.</summary>
        /// <returns>The payload length; the writer's first error; <see cref="ErrorCode.Malformed"/> if a struct or array is left open.</returns>
        /// <exception cref="InvalidOperationException">No message is open.</exception>
        public int End()
        {
            int open = _open;
            if (open == None) throw new InvalidOperationException("No message is open: call a Begin... method first.");
            _open = None;
            if (open == Timed) return EndTimed();
            int rc = _writer.Finish();
            if (rc != ErrorCode.Ok) return rc;
            _json.WriteEndObject();                                      // params, data or reported
            if (open == Request)
            {
                if (_eventName != null)
                {
                    if (_time >= 0) _json.WriteNumber("time", _time);   // beside "value", just closed
                    _json.WriteEndObject();                              // params
                }

                _json.WritePropertyName("method");
                if (_eventName == null) _json.WriteString(PropertyPostMethod);
                else WriteEventMethod(_eventName);
            }
            else if (open == Shadow)
            {
                _json.WriteEndObject();                                  // state
                _json.WriteString("method", "update");
                _json.WriteNumber("version", _shadowVersion);
            }

            _json.WriteEndObject();
            return Result();
        }

        /// <summary>Drops the message begun last (nothing to send).</summary>
        public void Abandon()
        {
            if (_open != None) _writer.Abandon();
            _open = None;
        }

        /// <summary>Writes a reply without data, <c>{"id":"…","code":…,"data":{}}</c> (the property-set reply).</summary>
        public int WriteReply(long requestId, int code, byte[] buffer, int offset, int count)
        {
            BeginReply(null, -1, requestId, code, buffer, offset, count);
            return End();
        }

        /// <summary>Writes a tags update: one <c>{"attrKey","attrValue"}</c> per pair, the first <paramref name="tagCount"/> of the arrays.</summary>
        /// <exception cref="ArgumentNullException">An array, a key or a value is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="tagCount"/> is not 1..the arrays' length.</exception>
        public int WriteTagsUpdate(long requestId, string[] keys, string[] values, int tagCount, byte[] buffer, int offset, int count)
        {
            CheckTags(keys, tagCount);
            if (values == null) throw new ArgumentNullException("values");
            if (tagCount > values.Length) throw new ArgumentException("tagCount exceeds the values array.", "tagCount");
            for (int i = 0; i < tagCount; i++)
            {
                if (values[i] == null) throw new ArgumentNullException("values");
            }

            return WriteTags(requestId, keys, values, tagCount, TagsUpdateMethod, buffer, offset, count);
        }

        /// <summary>Writes a tags delete: one <c>{"attrKey"}</c> per key, the first <paramref name="tagCount"/> of the array.</summary>
        /// <exception cref="ArgumentNullException">The array or a key is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="tagCount"/> is not 1..the array's length.</exception>
        public int WriteTagsRemove(long requestId, string[] keys, int tagCount, byte[] buffer, int offset, int count)
        {
            CheckTags(keys, tagCount);
            return WriteTags(requestId, keys, null, tagCount, TagsDeleteMethod, buffer, offset, count);
        }

        // One {"attrKey"[,"attrValue"]} per tag: an update names values, a delete only keys.
        private int WriteTags(long requestId, string[] keys, string[] values, int tagCount, string method, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _open = None;
            _json.WriteStartArray();
            for (int i = 0; i < tagCount; i++)
            {
                _json.WriteStartObject();
                _json.WriteString("attrKey", keys[i]);
                if (values != null) _json.WriteString("attrValue", values[i]);
                _json.WriteEndObject();
            }

            return EndArrayRequest(method);
        }

        /// <summary>Writes <c>{"method":"get"}</c>, the shadow query.</summary>
        public int WriteShadowGet(byte[] buffer, int offset, int count)
        {
            Start(buffer, offset, count, None);
            _json.WriteStartObject();
            _json.WriteString("method", "get");
            _json.WriteEndObject();
            return Result();
        }

        /// <summary>Writes <c>{"method":"update","state":{"desired":"null"},"version":N}</c>: clears the desired state after applying it.</summary>
        public int WriteShadowClearDesired(long version, byte[] buffer, int offset, int count)
        {
            Start(buffer, offset, count, None);
            _json.WriteStartObject();
            _json.WriteString("method", "update");
            _json.WritePropertyName("state");
            _json.WriteStartObject();
            _json.WriteString("desired", "null");
            _json.WriteEndObject();
            _json.WriteNumber("version", version);
            _json.WriteEndObject();
            return Result();
        }

        /// <summary>Writes the request envelope up to <c>"params":</c>.</summary>
        private void StartRequest(long requestId, byte[] buffer, int offset, int count)
        {
            Start(buffer, offset, count, Request);
            _json.WriteStartObject();
            _json.WritePropertyName("id");
            WriteIdString(requestId);
            _json.WriteString("version", "1.0");
            _json.WritePropertyName("params");
        }

        private int EndArrayRequest(string method)
        {
            _json.WriteEndArray();
            _json.WriteString("method", method);
            _json.WriteEndObject();
            return Result();
        }

        private void Start(byte[] buffer, int offset, int count, int open)
        {
            BufferArgs.Check(buffer, offset, count);
            if (_open != None) _writer.Abandon();
            _json.Reset(buffer, offset, count);
            _open = open;
        }

        /// <summary>Alink ids are decimal strings.</summary>
        private void WriteIdString(long id)
        {
            int n = NumberFormatter.WriteInt64(id, _scratch, 0, _scratch.Length);
            _json.WriteString(_scratch, 0, n);
        }

        /// <summary>Writes "thing.event.{id}.post" as one string value.</summary>
        private void WriteEventMethod(byte[] eventName)
        {
            int n = 0;
            n = Append(s_eventMethodStart, n);
            n = Append(eventName, n);
            n = Append(s_eventMethodEnd, n);
            _json.WriteString(_scratch, 0, n);
        }

        private int Append(byte[] part, int at)
        {
            Array.Copy(part, 0, _scratch, at, part.Length);
            return at + part.Length;
        }

        private int Result()
        {
            int error = _json.Error;
            if (error != ErrorCode.Ok) return error;
            return _json.IsComplete ? _json.Length : ErrorCode.Malformed;
        }

        private static void CheckTags(string[] keys, int tagCount)
        {
            if (keys == null) throw new ArgumentNullException("keys");
            if (tagCount < 1 || tagCount > keys.Length) throw new ArgumentException("tagCount must be 1 to the keys array's length.", "tagCount");
            for (int i = 0; i < tagCount; i++)
            {
                if (keys[i] == null) throw new ArgumentNullException("keys");
            }
        }
    }
}
