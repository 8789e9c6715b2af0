using System.Net;
using System.Net.Sockets;
using MQTTnet;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The in-process seam (demo seeding, CA export, loopback binding) that demos and SDK end-to-end tests use.</summary>
public sealed class EmulatorHostTests
{
    [Fact]
    public async Task SeedDemo_IsIdempotent_AndTheDemoDeviceConnectsOverTls()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        DemoIdentity demo = await emulator.Host.SeedDemoAsync();
        Assert.Equal(demo, await emulator.Host.SeedDemoAsync());
        Assert.Equal("a1DemoPK001", demo.ProductKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", demo.CaCertificatePem);

        // A C SDK 4.x style login (fixed timestamp, HMAC-SHA256) built from the identity, validated against the exported PEM.
        string clientId = $"{demo.ProductKey}.{demo.DeviceName}|timestamp=2524608000000,_ss=1,securemode=2,signmethod=hmacsha256|";
        string password = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(demo.DeviceSecret),
            System.Text.Encoding.UTF8.GetBytes($"clientId{demo.ProductKey}.{demo.DeviceName}deviceName{demo.DeviceName}productKey{demo.ProductKey}timestamp2524608000000")));
        using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(demo.CaCertificatePem);
        await using TestDevice device = await TestDevice.ConnectedAsync(demo.MqttTlsPort!.Value, clientId, $"{demo.DeviceName}&{demo.ProductKey}", password, ca);
    }

    [Fact]
    public async Task Listeners_BindLoopbackOnly()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(http: true);
        IPEndPoint[] listening = IPGlobalPropertiesListeners();
        foreach (int? port in new[] { emulator.Host.MqttPort, emulator.Host.MqttTlsPort, emulator.Host.ApiPort, emulator.Host.AuthPort, emulator.Host.OtaPort })
        {
            IPEndPoint[] mine = listening.Where(e => e.Port == port).ToArray();
            Assert.NotEmpty(mine);
            Assert.All(mine, e => Assert.True(IPAddress.IsLoopback(e.Address), e.ToString()));
        }
    }

    static IPEndPoint[] IPGlobalPropertiesListeners() =>
        System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
}
