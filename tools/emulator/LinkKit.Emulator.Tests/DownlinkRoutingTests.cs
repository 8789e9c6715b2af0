using System.Text;
using LinkKit.Emulator.Broker;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// A downlink for one device is queued on that device's connection, checked against the filters that connection was
/// granted (server-side, its own SUBSCRIBEs, less its UNSUBSCRIBEs) with the QoS the grant allows.
/// </summary>
public sealed class DownlinkRoutingTests : IAsyncLifetime
{
    const string Pk = "a1TestPK001", Dn = "dev-001";
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CreateCaptureProductAsync();
        await _emulator.RegisterDeviceAsync(Pk, Dn, Vectors.DeviceSecret);
    }

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    [Theory]
    [InlineData("/sys/a1TestPK001/dev-001/thing/event/property/post_reply", "a1TestPK001/dev-001")]
    [InlineData("/shadow/get/a1TestPK001/dev-001", "a1TestPK001/dev-001")]
    [InlineData("/ota/device/upgrade/a1TestPK001/dev-001", "a1TestPK001/dev-001")]
    [InlineData("/ext/ntp/a1TestPK001/dev-001/response", "a1TestPK001/dev-001")]
    [InlineData("/ext/session/a1TestPK001/dev-001/combine/login_reply", "a1TestPK001/dev-001")]
    [InlineData("/ext/error/a1TestPK001/dev-001", "a1TestPK001/dev-001")]
    [InlineData("/ext/rrpc/1234/sys/a1TestPK001/dev-001/thing/service/getStatus", "a1TestPK001/dev-001")]
    [InlineData("/ext/rrpc/1234/a1TestPK001/dev-001/user/get", "a1TestPK001/dev-001")]
    [InlineData("/a1TestPK001/dev-001/user/get", "a1TestPK001/dev-001")]
    [InlineData("/broadcast/a1TestPK001/all", "broadcast/a1TestPK001")]      // no such device: MQTTnet routes it
    [InlineData("/sys/a1TestPK001", null)]
    [InlineData("/ext/rrpc/1234", null)]
    [InlineData("nothing", null)]
    public void DeviceTopics_FindTheProductKeyAndDeviceName(string topic, string? expected)
    {
        bool found = DeviceTopics.TryGetDeviceKey(topic, out ReadOnlySpan<char> key);
        Assert.Equal(expected, found ? key.ToString() : null);
    }

    [Fact]
    public async Task ServerSideSubscription_DeliversAtQos0_AndAnUnsubscribedFilterNoLonger()
    {
        (RawMqttClient device, _) = await RawMqttClient.ConnectAsync(_emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
        await using (device)
        {
            await _emulator.CallAsync("SetDeviceProperty", new { ProductKey = Pk, DeviceName = Dn, Items = """{"temperature":30.5}""" });
            string set = Text(await device.ReadPacketAsync(), out byte header);
            Assert.Equal(0x30, header);       // PUBLISH, QoS 0: the server-side grant
            Assert.StartsWith("/sys/a1TestPK001/dev-001/thing/service/property/set{\"method\":\"thing.service.property.set\"", set);

            Assert.Equal(new byte[] { 0xB0, 0x02, 0x00, 0x09 }, await device.UnsubscribeAsync(9, "/sys/a1TestPK001/dev-001/#"));
            await _emulator.CallAsync("SetDeviceProperty", new { ProductKey = Pk, DeviceName = Dn, Items = """{"temperature":31.5}""" });
            await device.PublishAsync("/ext/ntp/a1TestPK001/dev-001/request", """{"deviceSendTime":"1"}""");
            // The NTP answer (still subscribed) is the next packet: the set after the UNSUBSCRIBE never came.
            Assert.StartsWith("/ext/ntp/a1TestPK001/dev-001/response{\"deviceSendTime\":\"1\"", Text(await device.ReadPacketAsync(), out header));
            Assert.Equal(0x30, header);
        }
    }

    [Fact]
    public async Task OwnSubscriptionAtQos1_CloudPushAtQos1_ArrivesWithAPacketIdentifier()
    {
        (RawMqttClient device, _) = await RawMqttClient.ConnectAsync(_emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
        await using (device)
        {
            Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x05, 0x01 }, await device.SubscribeAsync(5, ("/ota/device/upgrade/a1TestPK001/dev-001", 1)));
            byte[] firmware = Encoding.UTF8.GetBytes("firmware");
            string firmwareId = (await _emulator.CallAsync("CreateOTAFirmware", new
            {
                ProductKey = Pk, FirmwareName = "fw", DestVersion = "2.0.0", FirmwareBase64 = Convert.ToBase64String(firmware),
            }))["Data"]!["FirmwareId"]!.GetValue<string>();
            await _emulator.CallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = firmwareId, ProductKey = Pk, TargetSelection = "SPECIFIC", TargetDeviceName = new[] { Dn } });

            byte[] push = await device.ReadPacketAsync();
            Assert.Equal(0x32, push[0]);      // PUBLISH, QoS 1
            string topic = "/ota/device/upgrade/a1TestPK001/dev-001";
            int lengthBytes = push[1] >= 0x80 ? 2 : 1;
            int topicStart = 1 + lengthBytes + 2;
            Assert.Equal(topic, Encoding.UTF8.GetString(push, topicStart, topic.Length));
            int packetId = push[topicStart + topic.Length] << 8 | push[topicStart + topic.Length + 1];
            Assert.NotEqual(0, packetId);
        }
    }

    // A PUBLISH packet's fixed header byte, and its topic and payload as one text.
    static string Text(byte[] packet, out byte header)
    {
        header = packet[0];
        int index = 1;
        while ((packet[index++] & 0x80) != 0) { }
        int topicLength = packet[index] << 8 | packet[index + 1];
        string topic = Encoding.UTF8.GetString(packet, index + 2, topicLength);
        int payloadStart = index + 2 + topicLength + ((header & 0x06) != 0 ? 2 : 0);
        return topic + Encoding.UTF8.GetString(packet, payloadStart, packet.Length - payloadStart);
    }
}
