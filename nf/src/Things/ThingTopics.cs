using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The device's thing-model topics: precomputed as UTF-8 bytes at construction, written into a buffer for
    /// publishing, and compared byte by byte to classify incoming topics. Allocates nothing after construction.
    /// </summary>
    /// <remarks>Every Write… method returns the topic's length, or <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</remarks>
    internal sealed partial class ThingTopics
    {
        private static readonly byte[] s_propertySet = Utf8.ToArray("thing/service/property/set");
        private static readonly byte[] s_propertySetReply = Utf8.ToArray("thing/service/property/set_reply");
        private static readonly byte[] s_propertyGet = Utf8.ToArray("thing/service/property/get");
        private static readonly byte[] s_propertyPost = Utf8.ToArray("thing/event/property/post");
        private static readonly byte[] s_propertyPostReply = Utf8.ToArray("thing/event/property/post_reply");
        private static readonly byte[] s_eventStart = Utf8.ToArray("thing/event/");
        private static readonly byte[] s_post = Utf8.ToArray("/post");
        private static readonly byte[] s_postReply = Utf8.ToArray("/post_reply");
        private static readonly byte[] s_serviceStart = Utf8.ToArray("thing/service/");
        private static readonly byte[] s_reply = Utf8.ToArray("_reply");
        private static readonly byte[] s_upRaw = Utf8.ToArray("thing/model/up_raw");
        private static readonly byte[] s_upRawReply = Utf8.ToArray("thing/model/up_raw_reply");
        private static readonly byte[] s_downRaw = Utf8.ToArray("thing/model/down_raw");
        private static readonly byte[] s_downRawReply = Utf8.ToArray("thing/model/down_raw_reply");
        private static readonly byte[] s_tagsUpdate = Utf8.ToArray("thing/deviceinfo/update");
        private static readonly byte[] s_tagsUpdateReply = Utf8.ToArray("thing/deviceinfo/update_reply");
        private static readonly byte[] s_tagsDelete = Utf8.ToArray("thing/deviceinfo/delete");
        private static readonly byte[] s_tagsDeleteReply = Utf8.ToArray("thing/deviceinfo/delete_reply");
        private static readonly byte[] s_thing = Utf8.ToArray("thing/");
        private static readonly byte[] s_rrpcRequest = Utf8.ToArray("rrpc/request/");
        private static readonly byte[] s_rrpcResponse = Utf8.ToArray("rrpc/response/");
        private static readonly byte[] s_extRrpc = Utf8.ToArray("/ext/rrpc/");

        private readonly byte[] _sys;            // "/sys/{pk}/{dn}/"
        private readonly byte[] _shadowGet;      // "/shadow/get/{pk}/{dn}"
        private readonly byte[] _shadowUpdate;   // "/shadow/update/{pk}/{dn}"
        private readonly string _sysText;
        private readonly string _shadowGetText;

        /// <summary>Precomputes the topics of the device <paramref name="productKey"/>/<paramref name="deviceName"/>.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public ThingTopics(string productKey, string deviceName)
        {
            if (productKey == null) throw new ArgumentNullException("productKey");
            if (deviceName == null) throw new ArgumentNullException("deviceName");
            _sysText = "/sys/" + productKey + "/" + deviceName + "/";
            _shadowGetText = "/shadow/get/" + productKey + "/" + deviceName;
            _sys = Utf8.ToArray(_sysText);
            _shadowGet = Utf8.ToArray(_shadowGetText);
            _shadowUpdate = Utf8.ToArray("/shadow/update/" + productKey + "/" + deviceName);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/event/property/post</c>.</summary>
        public int WritePropertyPostTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_propertyPost, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/event/{eventId}/post</c>, the event id given as UTF-8 bytes.</summary>
        public int WriteEventPostTopic(byte[] eventId, int eventOffset, int eventCount, byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(eventId, eventOffset, eventCount);
            return WriteSys(s_eventStart, eventId, eventOffset, eventCount, s_post, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/service/property/set_reply</c>.</summary>
        public int WritePropertySetReplyTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_propertySetReply, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/service/{serviceId}_reply</c>, the service id given as UTF-8 bytes.</summary>
        public int WriteServiceReplyTopic(byte[] serviceId, int serviceOffset, int serviceCount, byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(serviceId, serviceOffset, serviceCount);
            return WriteSys(s_serviceStart, serviceId, serviceOffset, serviceCount, s_reply, buffer, offset, count);
        }

        /// <summary>As <see cref="WriteServiceReplyTopic(byte[], int, int, byte[], int, int)"/>, the service id given as a string (no allocation).</summary>
        /// <returns>The length; <see cref="ErrorCode.BufferTooSmall"/>; <see cref="ErrorCode.Malformed"/> for a lone surrogate.</returns>
        public int WriteServiceReplyTopic(string serviceId, byte[] buffer, int offset, int count)
        {
            if (serviceId == null) throw new ArgumentNullException("serviceId");
            BufferArgs.Check(buffer, offset, count);
            int idLength = Utf8.GetByteCount(serviceId);
            if (idLength < 0) return idLength;
            if (_sys.Length + s_serviceStart.Length + idLength + s_reply.Length > count) return ErrorCode.BufferTooSmall;
            int p = Append(_sys, 0, _sys.Length, buffer, offset);
            p = Append(s_serviceStart, 0, s_serviceStart.Length, buffer, p);
            p += Utf8.Encode(serviceId, buffer, p, idLength);
            p = Append(s_reply, 0, s_reply.Length, buffer, p);
            return p - offset;
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/model/up_raw</c>.</summary>
        public int WriteUpRawTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_upRaw, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/model/down_raw_reply</c>.</summary>
        public int WriteDownRawReplyTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_downRawReply, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/deviceinfo/update</c>.</summary>
        public int WriteTagsUpdateTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_tagsUpdate, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/deviceinfo/delete</c>.</summary>
        public int WriteTagsRemoveTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_tagsDelete, buffer, offset, count);
        }

        /// <summary><c>/shadow/update/{pk}/{dn}</c>.</summary>
        public int WriteShadowUpdateTopic(byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            if (_shadowUpdate.Length > count) return ErrorCode.BufferTooSmall;
            return Append(_shadowUpdate, 0, _shadowUpdate.Length, buffer, offset) - offset;
        }

        /// <summary><c>/sys/{pk}/{dn}/rrpc/response/{messageId}</c>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="messageId"/> is negative.</exception>
        public int WriteSystemRrpcResponseTopic(long messageId, byte[] buffer, int offset, int count)
        {
            if (messageId < 0) throw new ArgumentOutOfRangeException("messageId");
            BufferArgs.Check(buffer, offset, count);
            int prefix = _sys.Length + s_rrpcResponse.Length;
            if (prefix > count) return ErrorCode.BufferTooSmall;
            int digits = NumberFormatter.WriteInt64(messageId, buffer, offset + prefix, count - prefix);
            if (digits < 0) return digits;                               // nothing written: the formatter counts first
            int p = Append(_sys, 0, _sys.Length, buffer, offset);
            Append(s_rrpcResponse, 0, s_rrpcResponse.Length, buffer, p);
            return prefix + digits;
        }

        /// <summary>
        /// The topic filters a plain MQTT broker needs for every downlink the thing layer handles (the Aliyun broker
        /// subscribes the device itself: <c>_ss=1</c>). Services are subscribed one by one when a model declares
        /// them (so the device's own <c>…_reply</c> publishes are not echoed back), else with <c>thing/service/+</c>.
        /// </summary>
        /// <remarks>Allocates: call once, at setup.</remarks>
        public string[] GetDownlinkFilters(ThingModel model)
        {
            int services = model != null ? model.ServiceCount : 1;
            string[] filters = new string[10 + services];
            int n = 0;
            filters[filters.Length - 1] = TimedPostReplyFilter();
            filters[n++] = _sysText + "thing/service/property/set";
            filters[n++] = _sysText + "thing/event/+/post_reply";
            filters[n++] = _sysText + "thing/model/down_raw";
            filters[n++] = _sysText + "thing/model/up_raw_reply";
            filters[n++] = _sysText + "thing/deviceinfo/update_reply";
            filters[n++] = _sysText + "thing/deviceinfo/delete_reply";
            filters[n++] = _shadowGetText;
            filters[n++] = _sysText + "rrpc/request/+";
            filters[n++] = "/ext/rrpc/+" + _sysText + "thing/service/+";
            if (model == null)
            {
                filters[n] = _sysText + "thing/service/+";
                return filters;
            }

            for (int i = 0; i < model.ServiceCount; i++)
            {
                filters[n++] = _sysText + "thing/service/" + model.GetServiceIdentifier(i);
            }

            return filters;
        }

        /// <summary>
        /// Classifies an incoming topic by comparing bytes (no allocation). For identifier-bearing kinds,
        /// <paramref name="idOffset"/>/<paramref name="idCount"/> locate the event or service id, or for
        /// <see cref="AlinkKind.CustomRrpc"/> the inner topic, in <paramref name="topic"/>; RRPC kinds give the message id.
        /// </summary>
        public AlinkKind Classify(byte[] topic, int offset, int count, out int idOffset, out int idCount, out long messageId)
        {
            BufferArgs.Check(topic, offset, count);
            idOffset = idCount = 0;
            messageId = -1;
            if (StartsWith(topic, offset, count, _sys, 0, _sys.Length))
            {
                return ClassifySys(topic, offset + _sys.Length, count - _sys.Length, out idOffset, out idCount, out messageId);
            }

            if (Equal(topic, offset, count, _shadowGet)) return AlinkKind.Shadow;
            if (Equal(topic, offset, count, _shadowUpdate)) return AlinkKind.Uplink;
            if (!StartsWith(topic, offset, count, s_extRrpc, 0, s_extRrpc.Length)) return AlinkKind.None;

            // /ext/rrpc/{messageId}/{topic}
            int idStart = offset + s_extRrpc.Length;
            int end = offset + count;
            int slash = IndexOf(topic, idStart, end, (byte)'/');
            if (slash < 0 || slash + 1 == end || !ParseMessageId(topic, idStart, slash - idStart, out messageId)) return AlinkKind.Malformed;
            int inner = slash;
            int innerCount = end - inner;
            if (StartsWith(topic, inner, innerCount, _sys, 0, _sys.Length))
            {
                int rest = inner + _sys.Length;
                int service = rest + s_serviceStart.Length;
                if (StartsWith(topic, rest, end - rest, s_serviceStart, 0, s_serviceStart.Length) && IsSegment(topic, service, end))
                {
                    idOffset = service;
                    idCount = end - service;
                    return AlinkKind.SyncService;
                }
            }

            idOffset = inner;
            idCount = innerCount;
            return AlinkKind.CustomRrpc;
        }

        /// <summary>Classifies what follows "/sys/{pk}/{dn}/".</summary>
        private static AlinkKind ClassifySys(byte[] t, int p, int n, out int idOffset, out int idCount, out long messageId)
        {
            idOffset = idCount = 0;
            messageId = -1;
            int end = p + n;
            if (Equal(t, p, n, s_propertySet)) return AlinkKind.PropertySet;
            if (Equal(t, p, n, s_propertyGet)) return AlinkKind.PropertyGet;
            if (Equal(t, p, n, s_downRaw)) return AlinkKind.RawDown;
            if (Equal(t, p, n, s_upRawReply)) return AlinkKind.RawUp;
            if (Equal(t, p, n, s_tagsUpdateReply)) return AlinkKind.TagsUpdate;
            if (Equal(t, p, n, s_tagsDeleteReply)) return AlinkKind.TagsRemove;
            if (Equal(t, p, n, s_propertyPostReply)) return AlinkKind.PropertyPost;
            AlinkKind timed = ClassifyTimedPost(t, p, n);
            if (timed != AlinkKind.None) return timed;
            if (Equal(t, p, n, s_upRaw) || Equal(t, p, n, s_downRawReply) || Equal(t, p, n, s_tagsUpdate) || Equal(t, p, n, s_tagsDelete)
                || Equal(t, p, n, s_propertySetReply))
            {
                return AlinkKind.Uplink;
            }

            if (StartsWith(t, p, n, s_eventStart, 0, s_eventStart.Length))
            {
                // thing/event/{id}/post_reply, or the device's own .../post.
                int id = p + s_eventStart.Length;
                if (EndsWith(t, id, end, s_postReply) && IsSegment(t, id, end - s_postReply.Length))
                {
                    idOffset = id;
                    idCount = end - s_postReply.Length - id;
                    return AlinkKind.EventPost;
                }

                if (EndsWith(t, id, end, s_post) && IsSegment(t, id, end - s_post.Length)) return AlinkKind.Uplink;
                return AlinkKind.UnknownThing;
            }

            if (StartsWith(t, p, n, s_serviceStart, 0, s_serviceStart.Length))
            {
                int id = p + s_serviceStart.Length;
                if (!IsSegment(t, id, end)) return AlinkKind.UnknownThing;
                if (EndsWith(t, id, end, s_reply)) return AlinkKind.Uplink; // the device's own answer
                idOffset = id;
                idCount = end - id;
                return AlinkKind.Service;
            }

            if (StartsWith(t, p, n, s_rrpcRequest, 0, s_rrpcRequest.Length))
            {
                int id = p + s_rrpcRequest.Length;
                return ParseMessageId(t, id, end - id, out messageId) ? AlinkKind.SystemRrpc : AlinkKind.Malformed;
            }

            if (StartsWith(t, p, n, s_rrpcResponse, 0, s_rrpcResponse.Length)) return AlinkKind.Uplink;
            AlinkKind fieldService = ClassifyFieldServices(t, p, n, out messageId);
            if (fieldService != AlinkKind.None) return fieldService;
            return StartsWith(t, p, n, s_thing, 0, s_thing.Length) ? AlinkKind.UnknownThing : AlinkKind.None;
        }

        /// <summary>An RRPC message id: 1 to 19 decimal digits that fit a long.</summary>
        private static bool ParseMessageId(byte[] t, int p, int n, out long messageId)
        {
            messageId = -1;
            if (n < 1 || n > 19) return false;
            for (int i = 0; i < n; i++)
            {
                byte b = t[p + i];
                if (b < '0' || b > '9') return false;
            }

            return NumberParser.TryParseInt64(t, p, n, out messageId) == ErrorCode.Ok || SetMinusOne(out messageId);
        }

        private static bool SetMinusOne(out long value)
        {
            value = -1;
            return false;
        }

        /// <summary>A non-empty topic level: [start, end) holds no '/'.</summary>
        private static bool IsSegment(byte[] t, int start, int end)
        {
            return end > start && IndexOf(t, start, end, (byte)'/') < 0;
        }

        private int WriteSys(byte[] suffix, byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            if (_sys.Length + suffix.Length > count) return ErrorCode.BufferTooSmall;
            int p = Append(_sys, 0, _sys.Length, buffer, offset);
            return Append(suffix, 0, suffix.Length, buffer, p) - offset;
        }

        /// <summary><c>/sys/{pk}/{dn}/{start}{id}{end}</c>: one room check, then the four parts.</summary>
        private int WriteSys(byte[] start, byte[] id, int idOffset, int idCount, byte[] end, byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            if (_sys.Length + start.Length + idCount + end.Length > count) return ErrorCode.BufferTooSmall;
            int p = Append(_sys, 0, _sys.Length, buffer, offset);
            p = Append(start, 0, start.Length, buffer, p);
            p = Append(id, idOffset, idCount, buffer, p);
            return Append(end, 0, end.Length, buffer, p) - offset;
        }

        private static int Append(byte[] source, int sourceOffset, int length, byte[] destination, int at)
        {
            Array.Copy(source, sourceOffset, destination, at, length);
            return at + length;
        }

        private static int IndexOf(byte[] t, int start, int end, byte value)
        {
            for (int i = start; i < end; i++)
            {
                if (t[i] == value) return i;
            }

            return -1;
        }

        private static bool Equal(byte[] t, int p, int n, byte[] expected)
        {
            return n == expected.Length && StartsWith(t, p, n, expected, 0, expected.Length);
        }

        private static bool StartsWith(byte[] t, int p, int n, byte[] prefix, int prefixOffset, int prefixCount)
        {
            return n >= prefixCount && ByteRanges.Equal(t, p, prefix, prefixOffset, prefixCount);
        }

        private static bool EndsWith(byte[] t, int start, int end, byte[] suffix)
        {
            int n = end - start;
            return n >= suffix.Length && StartsWith(t, end - suffix.Length, suffix.Length, suffix, 0, suffix.Length);
        }
    }
}
