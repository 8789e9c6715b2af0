namespace LinkKit.Emulator.Tests;

/// <summary>
/// Credentials from docs/test-vectors.md and docs/test-vectors.md, The Python SDK wire capture. Expected passwords are the
/// published values, never computed by the emulator's own code.
/// </summary>
public static class Vectors
{
    // The wire capture's device (V2, W1) and product (V3, W3).
    public const string ProductKey = "a1TestPK001";
    public const string ProductSecret = "ProductSecret0123456789";
    public const string DeviceName = "dev-001";
    public const string DeviceSecret = "0123456789abcdef0123456789abcdef";
    public const string Username = "dev-001&a1TestPK001";

    // V2: securemode=3 with sii (wire conn#1).
    public const string V2ClientId = "a1TestPK001&dev-001|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=Python,_v=1.2.13,sii=Eth|03ACDEFF0032|Eth|03ACDEFF0031,timestamp=1795666684|";
    public const string V2Password = "35b88ce6168eff00ead07ddc2662906e8c1c2a4c";

    // W1: the same device's second connection (wire conn#2 and conn#3).
    public const string W1ClientId = "a1TestPK001&dev-001|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=Python,_v=1.2.13,sii=Eth|03ACDEFF0032|Eth|03ACDEFF0031,timestamp=1795666709|";
    public const string W1Password = "9c7402bb5f0e2c7324a712a8e58b1949dff8de5b";

    // V1: TLS (securemode=2), no sii.
    public const string V1ProductKey = "a1B2c3D4e5F";
    public const string V1DeviceName = "device01";
    public const string V1ClientId = "a1B2c3D4e5F&device01|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=Python,_v=1.2.13,timestamp=1700000000|";
    public const string V1Username = "device01&a1B2c3D4e5F";
    public const string V1Password = "7779f9d65fe08a4a8f81f40244629bd32fc682ec";

    // V1b / L4: Alibaba's public example credentials.
    public const string ExampleProductKey = "a1X2bEnP82z";
    public const string ExampleDeviceName = "example1";
    public const string ExampleDeviceSecret = "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe";
    public const string ExampleUsername = "example1&a1X2bEnP82z";
    public const string V1bClientId = "a1X2bEnP82z&example1|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=Python,_v=1.2.13,timestamp=1700000000|";
    public const string V1bPassword = "4608d3aa3c928984bb5968cbcb2b2710bea4b8db";
    public const string L4ClientId = "a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=sdk-c-4.1.0,securemode=2,signmethod=hmacsha256,ext=3|";
    public const string L4Password = "B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2";

    // V3: MQTT dynamic registration (register), wire conn#4.
    public const string V3DeviceName = "dev-dyn-1";
    public const string V3ClientId = "dev-dyn-1.a1TestPK001|random=e6n2dRZmNCKrXBa,authType=register,securemode=2,signmethod=hmacsha256|";
    public const string V3Username = "dev-dyn-1&a1TestPK001";
    public const string V3Password = "ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73";

    // W3: MQTT dynamic registration without pre-registration (regnwl, with instanceId), wire conn#5.
    public const string W3DeviceName = "dev-dyn-2";
    public const string W3ClientId = "dev-dyn-2.a1TestPK001|random=24tBRPjAgGrj6zM,authType=regnwl,securemode=2,signmethod=hmacsha256,instanceId=iot-06z00test|";
    public const string W3Username = "dev-dyn-2&a1TestPK001";
    public const string W3Password = "de38f3bcac2be9cfb1e7a1c93ab6884c4dc4c3dd69ff356b15170786f20edde0";

    // V4: HTTPS dynamic registration form.
    public const string V4ProductKey = "a1B2c3D4e5F";
    public const string V4ProductSecret = "ProductSecretABCDEF";
    public const string V4Body = "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256";
}
