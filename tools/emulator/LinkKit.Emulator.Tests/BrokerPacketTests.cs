using LinkKit.Emulator.ControlApi;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The broker's packets, byte by byte, as a device sees them: CONNACK timing and SUBACK return codes.</summary>
public sealed class BrokerPacketTests : IAsyncLifetime
{
    const string Own = "/sys/a1TestPK001/dev-001/";
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CreateCaptureProductAsync();
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
    }

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    Task<(RawMqttClient Client, byte[] Connack)> ConnectCaptureDeviceAsync() =>
        RawMqttClient.ConnectAsync(_emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);

    [Fact]
    public async Task OneSubscribe_MixedQos_AndAForeignFilter_CodesFollowTheFilterOrder()
    {
        (RawMqttClient device, byte[] connack) = await ConnectCaptureDeviceAsync();
        await using (device)
        {
            Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
            byte[] suback = await device.SubscribeAsync(0x1234,
                ("/a1TestPK001/dev-001/user/get", 0),
                (Own + "thing/service/property/set", 1),
                (Own + "thing/event/property/post_reply", 0),
                ("/sys/a1TestPK001/dev-002/thing/service/property/set", 1));   // another device's topic

            // SUBACK, remaining length 6, packet id 0x1234, then one code per filter in the SUBSCRIBE's order.
            Assert.Equal(new byte[] { 0x90, 0x06, 0x12, 0x34, 0x00, 0x01, 0x00, 0x80 }, suback);
        }
    }

    [Fact]
    public async Task OneSubscribe_RefusedFirst_QosTwoGrantedAsOne_Duplicates_EachCodeInPlace()
    {
        (RawMqttClient device, _) = await ConnectCaptureDeviceAsync();
        await using (device)
        {
            byte[] suback = await device.SubscribeAsync(7,
                ("#", 1),
                (Own + "thing/service/property/set", 0),
                (Own + "thing/service/property/set", 1),
                ("/a1TestPK001/dev-001/user/get", 2),
                ("/ext/register", 0));
            Assert.Equal(new byte[] { 0x90, 0x07, 0x00, 0x07, 0x80, 0x00, 0x01, 0x01, 0x80 }, suback);
        }
    }

    [Fact]
    public async Task DeviceIsOnline_TheMomentItsConnackArrives()
    {
        for (int connect = 1; connect <= 3; connect++)
        {
            (RawMqttClient device, byte[] connack) = await ConnectCaptureDeviceAsync();
            await using (device)
            {
                Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
                // No waiting: the registry and cloud calls must already count the device as online.
                var detail = (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!;
                Assert.Equal(("ONLINE", true), (detail["Status"]!.GetValue<string>(), detail["Online"]!.GetValue<bool>()));
                ApiResponse set = await _emulator.TryCallAsync("SetDeviceProperty",
                    new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"temperature":30.5}""" });
                Assert.True(set.Success, set.ToString());
            }
            for (int i = 0; i < 500 && _emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName); i++) await Task.Delay(10);
            Assert.False(_emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
        }
    }
}
