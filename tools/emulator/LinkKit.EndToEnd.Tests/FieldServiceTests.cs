using System.Collections.Concurrent;
using System.Text;
using LinkKit.Emulator.Registry;
using LinkKit.Nano;
using LinkKit.Nano.Identity;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// The field services end to end, the SDK against the emulator: batch and history posts stored with their own times,
/// desired properties set in the cloud and read and deleted by the device, the device log behind the cloud's switch,
/// the bootstrap notice and service, and broadcasts received without a subscription.
/// </summary>
public sealed class FieldServiceTests
{
    const long Now = E2eEmulator.FixedNowMs;

    [Fact]
    public async Task BatchAndHistoryPosts_Replied200_EachValueStoredWithItsOwnTime()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        var replies = new BlockingCollection<(string Kind, long Id, int Code)>();
        device.Client.BatchPostReplied += (s, r) => replies.Add(("batch", r.RequestId, r.Code));
        device.Client.HistoryPostReplied += (s, r) => replies.Add(("history", r.RequestId, r.Code));
        await device.ConnectAsync(emulator);

        BatchWriter w = device.Client.BeginBatchPost();
        w.BeginProperty("temperature");
        w.Value(21.5, Now - 120_000);
        w.Value(21.7, Now - 60_000);
        w.EndProperty();
        w.BeginEvent("alarm");
        w.BeginValue(Now - 90_000).Write("level", 2);
        w.EndValue();
        w.EndEvent();
        Assert.Equal(ErrorCode.Ok, device.Client.EndBatchPost(out long batchId));
        Assert.Equal(("batch", batchId, 200), SdkDevice.Next(replies, "BatchPostReplied"));

        w = device.Client.BeginHistoryPost();
        w.BeginProperty("temperature");
        w.Value(20.5, Now - 180_000);
        w.EndProperty();
        Assert.Equal(ErrorCode.Ok, device.Client.EndHistoryPost(out long historyId));
        Assert.Equal(("history", historyId, 200), SdkDevice.Next(replies, "HistoryPostReplied"));

        List<PropertyValue> stored = emulator.Host.Store.GetPropertyHistory(emulator.ProductKey, emulator.DeviceName, "temperature", 0, long.MaxValue, 10, true);
        Assert.Equal([("20.5", Now - 180_000), ("21.5", Now - 120_000), ("21.7", Now - 60_000)], stored.Select(v => (v.ValueJson, v.TimeMs)));
        var events = (await emulator.CallAsync("QueryDeviceEventData", new { emulator.ProductKey, emulator.DeviceName, Identifier = "alarm" }))["Data"]!["List"]!["EventInfo"]!.AsArray();
        Assert.Equal(Now - 90_000, long.Parse(Assert.Single(events)!["Time"]!.ToString()));
    }

    [Fact]
    public async Task DesiredProperties_SetInTheCloud_ReadByTheDevice_ThenDeleted()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        var got = new BlockingCollection<string>();
        var deleted = new BlockingCollection<int>();
        device.Client.DesiredPropertiesGetReplied += (s, r, desired) =>
        {
            var seen = new StringBuilder(r.Code + ":");
            while (desired.MoveNext()) seen.Append(' ').Append(desired.GetIdentifier()).Append('=').Append(Encoding.UTF8.GetString(desired.Buffer, desired.ValueOffset, desired.ValueCount)).Append('@').Append(desired.Version);
            got.Add(seen.ToString());
        };
        device.Client.DesiredPropertiesDeleteReplied += (s, r) => deleted.Add(r.Code);
        await device.ConnectAsync(emulator);
        await emulator.CallAsync("SetDeviceDesiredProperty", new { emulator.ProductKey, emulator.DeviceName, Items = "{\"temperature\":35.5,\"color\":\"red\"}", Versions = "{}" });

        Assert.Equal(ErrorCode.Ok, device.Client.GetDesiredProperties(["temperature", "color", "LightSwitch"], out _));
        Assert.Equal("200: temperature=35.5@1 color=\"red\"@1", SdkDevice.Next(got, "DesiredPropertiesGetReplied"));

        Assert.Equal(ErrorCode.Ok, device.Client.DeleteDesiredProperties(["temperature", "color"], [1, 7], out _));
        Assert.Equal(200, SdkDevice.Next(deleted, "DesiredPropertiesDeleteReplied"));
        Assert.Equal(ErrorCode.Ok, device.Client.GetDesiredProperties(["temperature", "color"], out _));
        Assert.Equal("200: color=\"red\"@1", SdkDevice.Next(got, "DesiredPropertiesGetReplied")); // version 7 was not the current one
    }

    [Fact]
    public async Task DeviceLog_RefusedWhileTheSwitchIsOff_PostedAndStoredOnceTheCloudTurnsItOn()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        var switches = new BlockingCollection<bool>();
        device.Client.DeviceLogSwitchReceived += (s, on) => switches.Add(on);
        device.Client.EnableDeviceLog();
        await device.ConnectAsync(emulator);
        Assert.False(SdkDevice.Next(switches, "DeviceLogSwitchReceived"));          // the answer to the query at connect
        Assert.Equal(ErrorCode.DeviceLogOff, device.Client.PostLog(LogLevel.Warning, "pump", "E42", "t-1", "dry run"));

        await emulator.CallAsync("SetDeviceLogSwitch", new { emulator.ProductKey, emulator.DeviceName, Mode = 1 });
        Assert.True(SdkDevice.Next(switches, "DeviceLogSwitchReceived"));           // pushed
        Assert.Equal(ErrorCode.Ok, device.Client.PostLog(LogLevel.Warning, "pump", "E42", "t-1", "dry run"));

        var logs = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("QueryDeviceLogs", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["List"]!.AsArray(),
            list => list.Count == 1, "the log entry stored");
        Assert.Equal(("WARN", "pump", "E42", "t-1", "dry run"),
            (logs[0]!["LogLevel"]!.ToString(), logs[0]!["Module"]!.ToString(), logs[0]!["Code"]!.ToString(), logs[0]!["TraceContext"]!.ToString(), logs[0]!["LogContent"]!.ToString()));
        Assert.Equal(1, device.Client.DeviceLogRefusedCount);
    }

    [Fact]
    public async Task BootstrapNotice_Answered_TheDeviceAsksTheBootstrapServiceAndReconnectsWhereItIsSent()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        await emulator.CallAsync("SetBootstrapEndpoint", new { emulator.ProductKey, emulator.DeviceName, Host = "127.0.0.1", Port = emulator.MqttTlsPort });
        var resolver = new HttpsBootstrap(new SslStreamConnector(10000), "localhost", emulator.AuthTlsPort, emulator.CaPem);
        using SdkDevice device = SdkDevice.Demo(emulator, o => o.EndpointResolver = resolver).SetUpThing();
        var notices = new BlockingCollection<int>();
        device.Client.BootstrapNotified += (LinkKitClient s, int command, ref bool reconnect) => notices.Add(command);
        await device.ConnectAsync(emulator);

        string messageId = (await emulator.CallAsync("NotifyBootstrap", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["MessageId"]!.GetValue<string>();
        Assert.Equal(0, SdkDevice.Next(notices, "BootstrapNotified"));
        Assert.Equal(200, (await PropertyTests.ServiceCallAsync(emulator, "bootstrap/notify", messageId))["ReplyCode"]!.GetValue<int>());
        Assert.Equal(DisconnectReason.Redirected, device.NextDisconnect());
        Assert.Equal(ConnectResult.Accepted, device.NextConnect());
        Assert.Equal(("127.0.0.1", emulator.MqttTlsPort), (device.Client.Endpoint, device.Client.Port));
        Assert.Equal(200, resolver.Code);
    }

    [Fact]
    public async Task Broadcast_ReceivedWithoutASubscription()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        var broadcasts = new BlockingCollection<(long Id, string Topic, string Payload)>();
        device.Client.BroadcastReceived += (s, m) => broadcasts.Add((m.MessageId, m.GetTopic(), Encoding.UTF8.GetString(m.Payload, m.PayloadOffset, m.PayloadCount)));
        await device.ConnectAsync(emulator);

        long id = long.Parse((await emulator.CallAsync("PubBroadcast", new { emulator.ProductKey, MessageContent = Convert.ToBase64String(Encoding.UTF8.GetBytes("firmware 1.2 is out")) }))["MessageId"]!.ToString());
        Assert.Equal((id, $"/sys/{emulator.ProductKey}/{emulator.DeviceName}/broadcast/request/{id}", "firmware 1.2 is out"), SdkDevice.Next(broadcasts, "BroadcastReceived"));
    }
}
