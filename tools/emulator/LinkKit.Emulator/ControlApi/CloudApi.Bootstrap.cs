using System.Text.Json.Nodes;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.ControlApi;

// Bootstrap (docs/protocol.md, Bootstrap). The platform decides itself where a device should connect and when to notify it; no cloud
// API for either was found in its documentation, so these actions are the emulator's own: NotifyBootstrap and SetBootstrapEndpoint.
public sealed partial class CloudApi
{
    // Cmd (default 0) goes in params; the device's notify_reply is collected like a service reply (QueryDeviceServiceData,
    // Identifier "bootstrap/notify").
    async Task<JsonObject> NotifyBootstrapAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        string id = await cloud.NotifyBootstrapAsync(d.ProductKey, d.DeviceName, (int)r.Long("Cmd", 0, 0, int.MaxValue)).ConfigureAwait(false);
        return Data(new JsonObject { ["MessageId"] = id });
    }

    // ProductKey, optional DeviceName (absent: the product's endpoint, for its devices without their own), and Host with Port, or
    // neither to remove the endpoint (the answer is then the emulator's own MQTT listener again).
    async Task<JsonObject> SetBootstrapEndpointAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        string? dn = r.Optional("DeviceName");
        if (dn != null) cloud.RequireDevice(pk, dn);
        else cloud.RequireProduct(pk);
        string? host = r.Optional("Host");
        long? port = r.OptionalLong("Port", 1, 65535);
        if (string.IsNullOrEmpty(host) != (port == null)) throw ApiRequest.Invalid("give Host and Port together, or neither to remove the endpoint");
        MqttEndpoint? endpoint = port == null ? null : new MqttEndpoint(host!, (int)port);
        await store.SetBootstrapEndpointAsync(pk, dn, endpoint).ConfigureAwait(false);
        return Data(new JsonObject { ["ProductKey"] = pk, ["DeviceName"] = dn, ["Host"] = endpoint?.Host, ["Port"] = endpoint?.Port });
    }
}
