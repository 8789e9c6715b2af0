namespace LinkKit.Emulator.Registry;

// Where the bootstrap endpoint sends devices (docs/protocol.md, Bootstrap): an MQTT host and port per device or per product; without
// one, the emulator's own MQTT listener.
public sealed partial class EmulatorStore
{
    const string BootstrapSchema = """
        CREATE TABLE IF NOT EXISTS bootstrap_endpoints (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL,
            PRIMARY KEY (product_key, device_name));
        """;

    /// <summary>Sets (or with a null endpoint removes) the endpoint of a device, or with a null device name of its whole product.</summary>
    public Task SetBootstrapEndpointAsync(string productKey, string? deviceName, MqttEndpoint? endpoint) => _writer.RunAsync(s =>
    {
        if (endpoint == null)
            s.Execute("DELETE FROM bootstrap_endpoints WHERE product_key=$pk AND device_name=$dn", ("$pk", productKey), ("$dn", deviceName ?? ""));
        else
            s.Execute("INSERT INTO bootstrap_endpoints VALUES ($pk, $dn, $host, $port) ON CONFLICT (product_key, device_name) " +
                      "DO UPDATE SET host=excluded.host, port=excluded.port",
                ("$pk", productKey), ("$dn", deviceName ?? ""), ("$host", endpoint.Host), ("$port", endpoint.Port));
    });

    /// <summary>The device's own endpoint, else its product's; null when neither is set.</summary>
    public MqttEndpoint? GetBootstrapEndpoint(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT host, port FROM bootstrap_endpoints WHERE product_key=$pk AND device_name IN ($dn, '') ORDER BY device_name DESC LIMIT 1",
        r => new MqttEndpoint(r.GetString(0), r.GetInt32(1)), ("$pk", productKey), ("$dn", deviceName)).FirstOrDefault());
}
