using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Auth;

/// <summary>
/// HTTPS dynamic registration, <c>POST /auth/register/device</c> (docs/protocol.md, Dynamic registration / Over HTTPS): form fields
/// productKey, deviceName, random, sign, signMethod. Success is
/// <c>{"code":200,"data":{"productKey","deviceName","deviceSecret"},"message":"success"}</c>; refusals are
/// <c>{"code":n,"message":…}</c>, always with HTTP 200 so SDKs reach their error paths.
/// </summary>
public static class HttpRegistration
{
    public static byte[] Handle(EmulatorStore store, Func<string, string?> field)
    {
        string? productKey = field("productKey"), deviceName = field("deviceName"), random = field("random"),
            sign = field("sign"), signMethod = field("signMethod");
        if (string.IsNullOrEmpty(productKey) || string.IsNullOrEmpty(deviceName) || string.IsNullOrEmpty(random) ||
            string.IsNullOrEmpty(sign) || string.IsNullOrEmpty(signMethod))
            return Refusal(AlinkCodes.RequestParameterError, "productKey, deviceName, random, sign and signMethod are required");
        Product? product = store.GetProduct(productKey);
        if (product == null) return Refusal(AlinkCodes.ProductNotFound, "product not found");
        if (!product.DynamicRegistration) return Refusal(AlinkCodes.DynamicRegistrationDisabled, "dynamic registration is not enabled for the product");
        if (!AlinkSigner.IsSupported(signMethod)) return Refusal(AlinkCodes.SignMethodNotSupported, "sign method not supported");
        if (!AlinkSigner.Verify(signMethod, product.ProductSecret, AlinkSigner.RegistrationContent(productKey, deviceName, random), sign))
            return Refusal(AlinkCodes.SignatureCheckFailed, "signature check failed");
        Device? device = store.GetDevice(productKey, deviceName);
        if (device == null) return Refusal(AlinkCodes.DeviceNotFound, "device not found (register it first)");
        if (device.IsActivated) return Refusal(AlinkCodes.DeviceAlreadyActivated, "device already activated");
        return AlinkJson.HttpSuccess(w =>
        {
            w.WriteString("productKey", productKey);
            w.WriteString("deviceName", deviceName);
            w.WriteString("deviceSecret", device.DeviceSecret);
        });
    }

    static byte[] Refusal(int code, string message) => AlinkJson.HttpRefusal(code, message);
}
