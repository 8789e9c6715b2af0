using System;

namespace LinkKit.Nano.Client
{
    /// <summary>The MQTT host the client connects to (Python's <c>get_actual_endpoint()</c>, docs/protocol.md, Endpoints and TLS).</summary>
    internal static class MqttEndpoint
    {
        /// <summary>
        /// In this order: a non-empty <paramref name="endpoint"/> verbatim; <paramref name="hostName"/> itself when it
        /// is "127.0.0.1" or "localhost"; "{instanceId}.mqtt.iothub.aliyuncs.com" when <paramref name="instanceId"/> is
        /// non-empty; otherwise "{productKey}.iot-as-mqtt.{hostName}.aliyuncs.com" (<paramref name="hostName"/> is a
        /// region id such as "cn-shanghai").
        /// </summary>
        public static string Resolve(string hostName, string productKey, string instanceId, string endpoint)
        {
            if (hostName == null) throw new ArgumentNullException("hostName");
            if (productKey == null) throw new ArgumentNullException("productKey");
            if (endpoint != null && endpoint.Length > 0) return endpoint;
            if (hostName == "127.0.0.1" || hostName == "localhost") return hostName;
            if (instanceId != null && instanceId.Length > 0) return instanceId + ".mqtt.iothub.aliyuncs.com";
            return productKey + ".iot-as-mqtt." + hostName + ".aliyuncs.com";
        }
    }
}
