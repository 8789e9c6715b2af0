using MQTTnet;

namespace LinkKit.Emulator.Broker;

/// <summary>
/// The filters one connection was granted (server-side and its own SUBSCRIBEs, less its UNSUBSCRIBEs), so a downlink
/// for one device is checked against that device's few filters instead of every session the broker holds.
/// </summary>
public sealed class SessionSubscriptions
{
    readonly List<(string Filter, int Qos)> _granted = [];

    public void Grant(string filter, int qos)
    {
        lock (_granted)
        {
            _granted.RemoveAll(g => g.Filter == filter);     // a repeated SUBSCRIBE replaces the grant (MQTT-3.8.4-3)
            _granted.Add((filter, qos));
        }
    }

    public void Remove(string filter)
    {
        lock (_granted) _granted.RemoveAll(g => g.Filter == filter);
    }

    /// <summary>The highest QoS among the filters that match <paramref name="topic"/>, or -1 when none does.</summary>
    public int MatchQos(string topic)
    {
        int qos = -1;
        lock (_granted)
        {
            foreach ((string filter, int granted) in _granted)
                if (granted > qos && MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch) qos = granted;
        }
        return qos;
    }
}
