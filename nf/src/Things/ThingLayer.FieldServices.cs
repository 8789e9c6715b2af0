namespace LinkKit.Nano.Things
{
    // Field services in the thing layer's dispatch (docs/protocol.md, Field services).
    internal sealed partial class ThingLayer
    {
        private readonly BroadcastMessage _broadcast = new BroadcastMessage();

        /// <summary>The device log's switch (reply and push), its post replies and the bootstrap notice.</summary>
        private bool RouteFieldServices(AlinkKind kind, byte[] payload, int offset, int count)
        {
            switch (kind)
            {
                case AlinkKind.LogSwitch:
                    _requests.OnLogSwitchReply(payload, offset, count);
                    return true;
                case AlinkKind.LogSwitchPush:
                    _answers.OnLogSwitchPush(payload, offset, count);
                    return true;
                case AlinkKind.BootstrapNotify:
                    _answers.OnBootstrapNotify(payload, offset, count);
                    return true;
                default:
                    // LogPost: the answer to a device log post, if the cloud sends one. Dropped without a log line: a
                    // line here would go back to the cloud through a DeviceLogSink and come back as another answer.
                    return true;
            }
        }

        /// <summary>A broadcast, lent to BroadcastReceived; false (no handler) leaves it to MessageReceived.</summary>
        private bool OnBroadcast(long messageId, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            if (!_client.HasBroadcastHandler) return false;
            BroadcastMessage message = _broadcast;
            message.Set(messageId, topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            _client.RaiseBroadcast(message);
            message.Clear();
            return true;
        }
    }
}
