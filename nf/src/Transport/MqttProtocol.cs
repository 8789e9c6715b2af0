namespace LinkKit.Nano
{
    /// <summary>The MQTT protocol level sent in CONNECT (Python's <c>protocol</c>: "MQTTv311" or "MQTTv31").</summary>
    public enum MqttProtocol
    {
        /// <summary>MQTT 3.1 (protocol name "MQIsdp", level 3).</summary>
        Mqtt31 = 3,

        /// <summary>MQTT 3.1.1 (protocol name "MQTT", level 4); the default.</summary>
        Mqtt311 = 4,
    }
}
