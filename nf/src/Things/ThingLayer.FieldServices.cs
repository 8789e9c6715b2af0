namespace LinkKit.Nano.Things
{
    // Broadcasts in the thing layer's dispatch (docs/protocol.md, Field services); the other field services are routed
    // by the main dispatch switch.
    internal sealed partial class ThingLayer
    {
        private readonly BroadcastMessage _broadcast = new BroadcastMessage();

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
