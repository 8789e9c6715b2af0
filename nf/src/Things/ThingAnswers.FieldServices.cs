using LinkKit.Nano.Client;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    // Field services on the inbound side (docs/protocol.md, Field services): the cloud's push of the device-log switch
    // and its bootstrap notice, answered under the answer gate like a property set.
    internal sealed partial class ThingAnswers
    {
        /// <summary>A push of the device-log switch: <c>params.content.mode</c>. Not answered.</summary>
        public void OnLogSwitchPush(byte[] payload, int offset, int count)
        {
            AlinkEnvelope request = _envelope;
            if (request.Read(payload, offset, count, false) != ErrorCode.Ok || request.ParamsStart < 0)
            {
                _layer.Malformed("malformed device log switch push; dropped");
                return;
            }

            JsonReader r = _paramsReader;
            r.Reset(payload, request.ParamsStart, request.ParamsEnd - request.ParamsStart);
            r.Read();
            bool on;
            if (ThingRequests.ReadLogMode(r, out on) != ErrorCode.Ok)
            {
                _layer.Malformed("device log switch push without a 0/1 params.content.mode; dropped");
                return;
            }

            _layer.Requests.SetLogSwitch(on);
        }

        /// <summary>
        /// A bootstrap notice <c>{"id":"…","params":{"cmd":0},…}</c>: answered on <c>…/notify_reply</c> (200, or 460 without
        /// a numeric cmd), then raised; when the application leaves <c>reconnect</c> set (by default for cmd 0) the client
        /// resolves its endpoint again and reconnects.
        /// </summary>
        public void OnBootstrapNotify(byte[] payload, int offset, int count)
        {
            AlinkEnvelope request = _envelope;
            if (!ReadRequest(payload, offset, count))
            {
                _layer.Malformed("malformed bootstrap notice; dropped");
                return;
            }

            long id = request.Id;
            int command = ReadCommand(payload, request.ParamsStart, request.ParamsEnd);
            int code = command >= 0 ? LinkKitClient.ReplySuccess : LinkKitClient.ReplyInvalidParams;
            if (command < 0) _layer.Malformed("bootstrap notice without a numeric params.cmd; answered 460");
            int rc = SendBootstrapReply(id, code);
            if (rc != ErrorCode.Ok) _layer.Client.Log(LogLevel.Warning, "bootstrap notice reply not sent");
            if (command < 0) return;

            bool reconnect = command == 0;
            _layer.Client.RaiseBootstrapNotified(command, ref reconnect);
            if (reconnect) _layer.Client.Redirect();
        }

        // params.cmd as a non-negative int, or -1.
        private int ReadCommand(byte[] payload, int start, int end)
        {
            if (start < 0) return -1;
            JsonReader r = _paramsReader;
            r.Reset(payload, start, end - start);
            r.Read();
            long command;
            if (!r.MoveToProperty("cmd") || r.TryGetInt64FromNumberOrString(out command) != ErrorCode.Ok) return -1;
            return command >= 0 && command <= int.MaxValue ? (int)command : -1;
        }

        /// <summary>Sends <c>{"id":"…","code":…,"data":{}}</c> on <c>…/thing/bootstrap/notify_reply</c>, QoS 0, under the answer gate.</summary>
        private int SendBootstrapReply(long id, int code)
        {
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                int length = _gate.Builder.WriteReply(id, code, _buffer, 0, _buffer.Length);
                if (length < 0) return length;
                int topicLength = _topics.WriteBootstrapNotifyReplyTopic(_topic, 0, _topic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                return _session.Send("BootstrapNotify reply", _topic, topicLength, _buffer, 0, length, 0);
            }
            finally
            {
                if (entered) Close();
            }
        }
    }
}
