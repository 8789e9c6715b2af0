using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Auth;

/// <summary>
/// The bootstrap endpoint, <c>POST /auth/bootstrap</c> (docs/protocol.md, Bootstrap): form fields productKey, deviceName,
/// clientId (<c>{pk}.{dn}</c>, optional) and resources (must name <c>mqtt</c>). Answers where the device should connect,
/// <c>{"code":200,"data":{"resources":{"mqtt":{"host":"…","port":N}}},"message":"success"}</c>: the endpoint set for the device or
/// its product (SetBootstrapEndpoint), else the emulator's own MQTT listener. Refusals are <c>{"code":n,"message":…}</c> with HTTP
/// 200, as dynamic registration's.
/// </summary>
public static class HttpBootstrap
{
    public static byte[] Handle(EmulatorStore store, Func<string, string?> field, MqttEndpoint? ownListener)
    {
        string? productKey = field("productKey"), deviceName = field("deviceName"), clientId = field("clientId"), resources = field("resources");
        if (string.IsNullOrEmpty(productKey) || string.IsNullOrEmpty(deviceName) || string.IsNullOrEmpty(resources))
            return AlinkJson.HttpRefusal(AlinkCodes.RequestParameterError, "productKey, deviceName and resources are required");
        if (!string.IsNullOrEmpty(clientId) && clientId != productKey + "." + deviceName)
            return AlinkJson.HttpRefusal(AlinkCodes.RequestParameterError, "clientId must be " + productKey + "." + deviceName);
        if (!resources.Split(',').Contains("mqtt")) return AlinkJson.HttpRefusal(AlinkCodes.RequestParameterError, "resources must name mqtt");
        if (store.GetProduct(productKey) == null) return AlinkJson.HttpRefusal(AlinkCodes.ProductNotFound, "product not found");
        if (store.GetDevice(productKey, deviceName) == null) return AlinkJson.HttpRefusal(AlinkCodes.DeviceNotFound, "device not found");
        if ((store.GetBootstrapEndpoint(productKey, deviceName) ?? ownListener) is not MqttEndpoint endpoint)
            return AlinkJson.HttpRefusal(AlinkCodes.ServerError, "no MQTT endpoint: the emulator's MQTT listeners are off and none is set");
        return AlinkJson.HttpSuccess(w =>
        {
            w.WriteStartObject("resources");
            w.WriteStartObject("mqtt");
            w.WriteString("host", endpoint.Host);
            w.WriteNumber("port", endpoint.Port);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
