using System;
using LinkKit.Nano.Client;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    // Field services on the request side (docs/protocol.md, Field services): desired-property queries and deletions
    // (tracked in the request table like tags), the device log and the cloud's switch for it. Topics are written into
    // the request gate's topic scratch (_eventTopic) under the gate, so nothing is allocated per message.
    internal sealed partial class ThingRequests
    {
        // Lent to the desired-get handlers: the transport thread's for replies; an always-empty one for timeouts. Made
        // with the first query (under the gate, before it is sent), so a client that never asks does not hold them.
        private DesiredProperties _desired;
        private DesiredProperties _noDesired;

        // The device-log switch. Guarded by _lock.
        private bool _followLogSwitch;
        private bool _logOn;
        private long _logSwitchId = -1;   // the latest switch query's id
        private int _logRefused;

        /// <summary>True while the cloud's device-log switch is on (as last heard).</summary>
        public bool IsLogOn
        {
            get { lock (_lock) return _logOn; }
        }

        /// <summary>Posts refused because the switch was off.</summary>
        public int LogRefusedCount
        {
            get { lock (_lock) return _logRefused; }
        }

        /// <summary>A desired-properties query (<paramref name="versions"/> unused) or deletion.</summary>
        public int SendDesired(bool delete, string[] identifiers, long[] versions, out long requestId)
        {
            requestId = 0;
            bool entered = false;
            try
            {
                CheckDesiredArguments(identifiers, versions);
                int n = identifiers.Length;
                if (_model != null)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (_model.FindProperty(identifiers[i]) < 0) return ErrorCode.PropertyNotDeclared;
                    }
                }

                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                if (_desired == null)
                {
                    _noDesired = new DesiredProperties();
                    _desired = new DesiredProperties();
                }

                long id = NextId();
                AlinkMessageBuilder builder = _gate.Builder;
                int length = delete
                    ? builder.WriteDesiredDelete(id, identifiers, versions, n, _buffer, 0, _buffer.Length)
                    : builder.WriteDesiredGet(id, identifiers, n, _buffer, 0, _buffer.Length);
                if (length < 0) return length;
                string operation = delete ? "DeleteDesiredProperties" : "GetDesiredProperties";
                int rc = _session.CheckCanSend(operation);
                if (rc != ErrorCode.Ok) return rc;
                ThingTopics topics = _layer.Topics;
                int topicLength = delete
                    ? topics.WriteDesiredDeleteTopic(_eventTopic, 0, _eventTopic.Length)
                    : topics.WriteDesiredGetTopic(_eventTopic, 0, _eventTopic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                AlinkKind kind = delete ? AlinkKind.DesiredDelete : AlinkKind.DesiredGet;
                return Send(kind, -1, id, _eventTopic, topicLength, length, 0, operation, out requestId);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        /// <summary>The view lent with a desired-get reply: its data, or nothing for a timeout.</summary>
        public DesiredProperties LendDesired(ThingReply reply)
        {
            // Not null: a reply or timeout of a desired request comes only after a query or deletion made them.
            if (reply.IsTimeout) return _noDesired;
            _desired.Set(reply);
            return _desired;
        }

        /// <summary>Forgets what <see cref="LendDesired"/> lent.</summary>
        public void ReturnDesired(DesiredProperties lent)
        {
            lent.Clear();
        }

        /// <summary>Follows the cloud's device-log switch from now on: asks now when connected, and after every connect.</summary>
        public void FollowLogSwitch()
        {
            lock (_lock)
            {
                _followLogSwitch = true;
            }

            if (_session.State == LinkKitState.Connected) AskLogSwitchLogged();
        }

        /// <summary>After a connection (connection thread): asks for the switch when following it.</summary>
        public void OnConnected()
        {
            bool follow;
            lock (_lock)
            {
                follow = _followLogSwitch;
            }

            if (follow) AskLogSwitchLogged();
        }

        /// <summary>A reply to the switch query: matched by id, then its <c>data.content.mode</c> read.</summary>
        public void OnLogSwitchReply(byte[] payload, int offset, int count)
        {
            ThingReply reply = _reply;
            if (reply.Parse(payload, offset, count) != ErrorCode.Ok)
            {
                _layer.Malformed("malformed device log switch reply; dropped");
                return;
            }

            bool matched;
            lock (_lock)
            {
                matched = reply.RequestId == _logSwitchId && _logSwitchId > 0;
                if (matched) _logSwitchId = -1;
            }

            if (!matched)
            {
                reply.Clear();
                _layer.Unmatched();
                return;
            }

            bool on = false;
            int rc = reply.Code == LinkKitClient.ReplySuccess ? ReadLogMode(reply.Data, out on) : ErrorCode.Ok;
            int code = reply.Code;
            reply.Clear();
            if (code != LinkKitClient.ReplySuccess)
            {
                _layer.Client.Log(LogLevel.Warning, "device log switch query refused; the switch stays as it was");
                return;
            }

            if (rc != ErrorCode.Ok)
            {
                _layer.Malformed("device log switch reply without a 0/1 data.content.mode; dropped");
                return;
            }

            SetLogSwitch(on);
        }

        /// <summary>Sets the switch and tells the application (a reply, or a push read by the answer side).</summary>
        public void SetLogSwitch(bool on)
        {
            lock (_lock)
            {
                _logOn = on;
            }

            _layer.Client.RaiseDeviceLogSwitch(on);
        }

        /// <summary>
        /// Posts one device log entry, QoS 0, while the switch is on; the content is <paramref name="content"/>, or
        /// when that is null the UTF-8 bytes given.
        /// </summary>
        public int PostLog(LogLevel level, string module, string code, string traceContext, string content, byte[] contentBytes, int contentOffset, int contentCount)
        {
            lock (_lock)
            {
                if (!_logOn)
                {
                    _logRefused++;
                    return ErrorCode.DeviceLogOff;
                }
            }

            long now = _clock.UnixTimeMilliseconds();
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                long id = NextId();
                int length = _gate.Builder.WriteLogPost(id, now, level, module, code, traceContext, content, contentBytes, contentOffset, contentCount,
                    _buffer, 0, _buffer.Length);
                if (length < 0) return length;
                int topicLength = _layer.Topics.WriteLogPostTopic(_eventTopic, 0, _eventTopic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                return _session.Send("PostLog", _eventTopic, topicLength, _buffer, 0, length, 0);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        /// <summary>
        /// Reads <c>{"content":{"mode":0|1},…}</c> (a reply's data or a push's params) from a reader standing on the
        /// object's first token. The mode may be a number or a string holding one.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when there is no 0 or 1 mode.</returns>
        internal static int ReadLogMode(JsonReader reader, out bool on)
        {
            on = false;
            if (reader == null || reader.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            if (!reader.MoveToProperty("content") || reader.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            long mode;
            if (!reader.MoveToProperty("mode") || reader.TryGetInt64FromNumberOrString(out mode) != ErrorCode.Ok) return ErrorCode.Malformed;
            if (mode != 0 && mode != 1) return ErrorCode.Malformed;
            on = mode == 1;
            return ErrorCode.Ok;
        }


        private void AskLogSwitchLogged()
        {
            int rc;
            try
            {
                rc = AskLogSwitch();
            }
            catch (Exception)
            {
                rc = ErrorCode.NotConnected; // the client is closing, or this thread is building a message
            }

            if (rc != ErrorCode.Ok) _layer.Client.Log(LogLevel.Warning, "device log switch query not sent");
        }

        private int AskLogSwitch()
        {
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                long id = NextId();
                int length = _gate.Builder.WriteLogSwitchGet(id, _buffer, 0, _buffer.Length);
                if (length < 0) return length;
                int rc = _session.CheckCanSend("EnableDeviceLog");
                if (rc != ErrorCode.Ok) return rc;
                int topicLength = _layer.Topics.WriteLogSwitchGetTopic(_eventTopic, 0, _eventTopic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                lock (_lock)
                {
                    _logSwitchId = id;   // before sending: the reply may come first
                }

                return _session.Send("EnableDeviceLog", _eventTopic, topicLength, _buffer, 0, length, 0);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        private static void CheckDesiredArguments(string[] identifiers, long[] versions)
        {
            if (identifiers == null) throw new ArgumentNullException("identifiers");
            if (identifiers.Length < 1 || identifiers.Length > DesiredProperties.MaxIdentifiers)
            {
                throw new ArgumentException("identifiers must hold 1 to 200 property identifiers.", "identifiers");
            }

            for (int i = 0; i < identifiers.Length; i++)
            {
                if (identifiers[i] == null) throw new ArgumentNullException("identifiers");
            }

            if (versions != null && versions.Length != identifiers.Length)
            {
                throw new ArgumentException("versions must be null or hold one version per identifier.", "versions");
            }
        }
    }
}
