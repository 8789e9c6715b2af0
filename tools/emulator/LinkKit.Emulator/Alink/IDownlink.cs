namespace LinkKit.Emulator.Alink;

/// <summary>How the cloud side reaches devices (implemented by the broker).</summary>
public interface IDownlink
{
    /// <summary>Publishes to the topic's subscribers (a device's own topics can only have that device as subscriber).</summary>
    Task PublishAsync(string topic, byte[] payload, int qos = 0);

    /// <summary>Publishes to one connection only.</summary>
    Task PublishToClientAsync(string clientId, string topic, byte[] payload);

    bool IsOnline(string productKey, string deviceName);

    /// <summary>Closes the device's connection, if it has one.</summary>
    Task DisconnectDeviceAsync(string productKey, string deviceName);
}
