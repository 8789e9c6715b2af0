using System.Collections.Concurrent;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// "One type, one secret" through the emulator: HTTPS to its device-auth TLS listener, MQTT register and
/// regnwl → connwl on its MQTT/TLS listener, all trusting only the emulator's CA; secrets kept in files.
/// </summary>
public sealed class DynamicRegistrationTests
{
    const string DeviceName = "dynreg-device-01";

    sealed class Registering : IDisposable
    {
        public readonly BlockingCollection<(int Result, SecretKind? Kind, string? Secret, string? ClientId, string? Username, string? Token)> Registered = new();
        public DynamicRegistration Registration = null!;
        public readonly SdkDevice Device;
        public readonly string Folder;

        public Registering(E2eEmulator emulator, string deviceName, string productSecret, Func<SecretStore, MqttNetTransport, DynamicRegistration> create)
        {
            Folder = Path.Combine(emulator.Directory, "secrets-" + deviceName);
            Directory.CreateDirectory(Folder); // the slots are files in an existing folder (I:\ on the device)
            Device = SdkDevice.WithRegistration(emulator.ProductKey, deviceName, productSecret, transport =>
            {
                Registration = create(new SecretStore(Slots(Folder)), transport);
                Registration.DeviceRegistered += (_, result, identity) => Registered.Add((result, identity?.Kind, identity?.DeviceSecret,
                    identity?.ClientId, identity?.Username, identity?.DeviceToken));
                return Registration;
            }, emulator.TlsOptions());
        }

        public SecretRecord Stored()
        {
            SecretRecord record = new();
            Assert.Equal(ErrorCode.Ok, new SecretStore(Slots(Folder)).Load(record));
            return record;
        }

        public void Dispose() => Device.Dispose();
    }

    /// <summary>The two slot files in a folder, as the host tools keep them.</summary>
    static FileSecretSlots Slots(string folder) => new(Path.Combine(folder, "linkkit_a.bin"), Path.Combine(folder, "linkkit_b.bin"));

    static Func<SecretStore, MqttNetTransport, DynamicRegistration> Https(E2eEmulator emulator) =>
        (store, _) => DynamicRegistration.OverHttps(store, new SslStreamConnector(10000), "localhost", emulator.AuthTlsPort, emulator.CaPem);

    static Func<SecretStore, MqttNetTransport, DynamicRegistration> Mqtt(bool whitelistFree) =>
        (store, transport) => DynamicRegistration.OverMqtt(store, transport, whitelistFree, 10000);

    [Fact]
    public async Task Https_PreRegisteredDevice_GetsItsSecret_SavesIt_ConnectsSigned_AndAfterARebootConnectsFromTheStore()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using (Registering first = new(emulator, emulator.DeviceName, emulator.Demo.ProductSecret, Https(emulator)))
        {
            await first.Device.ConnectAsync(emulator);

            var registered = SdkDevice.Next(first.Registered, "DeviceRegistered");
            Assert.Equal((ErrorCode.Ok, SecretKind.DeviceSecret, "DemoDeviceSecret0123456789abcdef"), (registered.Result, registered.Kind, registered.Secret));
            Assert.Equal(200, first.Registration.Reply.Code);
            Assert.Equal("DemoDeviceSecret0123456789abcdef", first.Stored().DeviceSecret);
            Assert.StartsWith("a1DemoPK001.demo-device-01|timestamp=2524608000000,", emulator.SessionClientId());
            Assert.Equal("ONLINE", (await emulator.DeviceDetailAsync())["Status"]!.GetValue<string>());
            Assert.False(first.Device.Log.Contains("DemoDeviceSecret0123456789abcdef"));
            Assert.False(first.Device.Log.Contains(emulator.Demo.ProductSecret));
        }

        // Reboot: the device is activated now, so the platform would refuse a second registration (6289); the store is enough.
        using Registering second = new(emulator, emulator.DeviceName, emulator.Demo.ProductSecret, Https(emulator));
        await second.Device.ConnectAsync(emulator);
        Assert.Empty(second.Registered);
        Assert.True(second.Device.Log.Contains("INFO identity loaded from the store"));
    }

    [Theory]
    [InlineData("switch off", 6288, "dynamic registration is not enabled for the product")]
    [InlineData("not pre-registered", 6100, "device not found (register it first)")]
    [InlineData("already activated", 6289, "device already activated")]
    [InlineData("wrong product secret", 6600, "signature check failed")]
    public async Task Https_Refused_ReportsThePlatformCode_RegistrationFailed_NothingStored(string reason, int code, string message)
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        string deviceName = emulator.DeviceName, productSecret = emulator.Demo.ProductSecret;
        switch (reason)
        {
            case "switch off":
                await emulator.CallAsync("UpdateProduct", new { emulator.ProductKey, DynamicRegistration = false });
                break;
            case "not pre-registered":
                deviceName = DeviceName;
                break;
            case "already activated":
                using (SdkDevice once = SdkDevice.Demo(emulator)) await once.ConnectAsync(emulator);
                break;
            default:
                productSecret = "NotTheProductSecret";
                break;
        }

        using Registering run = new(emulator, deviceName, productSecret, Https(emulator));
        run.Device.Client.ConnectAsync();

        Assert.Equal(ConnectResult.RegistrationFailed, run.Device.NextConnect());
        var registered = SdkDevice.Next(run.Registered, "DeviceRegistered");
        Assert.Equal((ErrorCode.RegistrationRefused, (SecretKind?)null), (registered.Result, registered.Kind));
        Assert.Equal(200, run.Registration.Reply.HttpStatus);
        Assert.Equal(code, run.Registration.Reply.Code);
        Assert.Equal(message, run.Registration.Reply.GetMessage());
        Assert.Equal(ErrorCode.NoRecord, new SecretStore(Slots(run.Folder)).Load(new SecretRecord()));
    }

    [Fact]
    public async Task Mqtt_Register_OverTls_GetsTheSecretPushed_ThenConnectsWithIt()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        await emulator.CallAsync("RegisterDevice", new { emulator.ProductKey, DeviceName, DeviceSecret = "MqttRegisteredSecret0123456789ab" });
        using Registering run = new(emulator, DeviceName, emulator.Demo.ProductSecret, Mqtt(whitelistFree: false));

        await run.Device.ConnectAsync(emulator);

        var registered = SdkDevice.Next(run.Registered, "DeviceRegistered");
        Assert.Equal((ErrorCode.Ok, SecretKind.DeviceSecret, "MqttRegisteredSecret0123456789ab"), (registered.Result, registered.Kind, registered.Secret));
        Assert.Equal("MqttRegisteredSecret0123456789ab", run.Stored().DeviceSecret);
        Assert.StartsWith("a1DemoPK001.dynreg-device-01|timestamp=2524608000000,", emulator.SessionClientId(DeviceName));
        Assert.Equal("ONLINE", (await emulator.DeviceDetailAsync(DeviceName))["Status"]!.GetValue<string>());
        Assert.False(run.Device.Log.Contains("MqttRegisteredSecret0123456789ab"));
    }

    [Fact]
    public async Task Mqtt_Regnwl_CreatesTheDevice_GetsAToken_ThenConnectsWithConnwl()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using Registering run = new(emulator, DeviceName, emulator.Demo.ProductSecret, Mqtt(whitelistFree: true));

        await run.Device.ConnectAsync(emulator);

        string token = emulator.Host.Store.GetDevice(emulator.ProductKey, DeviceName)!.DeviceToken!;
        Assert.Equal(32, token.Length);
        string clientId = "a1DemoPK001.dynreg-device-01|authType=connwl,securemode=-2,_ss=1,ext=3,lan=CSharp,_v=linkkit-nano-0.1.0|";
        var registered = SdkDevice.Next(run.Registered, "DeviceRegistered");
        Assert.Equal((ErrorCode.Ok, SecretKind.DeviceToken, clientId, "dynreg-device-01&a1DemoPK001", token),
            (registered.Result, registered.Kind, registered.ClientId, registered.Username, registered.Token));
        SecretRecord stored = run.Stored();
        Assert.Equal((clientId, token), (stored.ClientId, stored.DeviceToken));
        Assert.Equal(clientId, emulator.SessionClientId(DeviceName));
        Assert.Equal("ONLINE", (await emulator.DeviceDetailAsync(DeviceName))["Status"]!.GetValue<string>());
        Assert.False(run.Device.Log.Contains(token));
    }

    [Fact]
    public async Task Mqtt_Register_NotPreRegistered_RefusedAtConnect_RegistrationConnectFailed()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using Registering run = new(emulator, DeviceName, emulator.Demo.ProductSecret, Mqtt(whitelistFree: false));

        run.Device.Client.ConnectAsync();

        Assert.Equal(ConnectResult.RegistrationFailed, run.Device.NextConnect());
        var registered = SdkDevice.Next(run.Registered, "DeviceRegistered");
        Assert.Equal((ErrorCode.RegistrationConnectFailed, (SecretKind?)null), (registered.Result, registered.Kind));
        Assert.Null(emulator.Host.Store.GetDevice(emulator.ProductKey, DeviceName));
        Assert.Equal(ErrorCode.NoRecord, new SecretStore(Slots(run.Folder)).Load(new SecretRecord()));
    }
}
