using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Connecting the SDK client to the emulator: TLS with the emulator's exported CA, plain TCP, and refusals.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task Tls_TrustingTheExportedCaFile_Connects_SignedHmacSha256_DeviceOnline()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        string caFile = Path.Combine(emulator.Directory, "emulator-ca.pem");
        await File.WriteAllTextAsync(caFile, emulator.CaPem);
        using SdkDevice device = SdkDevice.Demo(emulator, o => o.CaCertificates = File.ReadAllText(caFile));

        await device.ConnectAsync(emulator);

        Assert.Equal(LinkKitState.Connected, device.Client.State);
        Assert.Equal(
            "a1DemoPK001.demo-device-01|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|",
            emulator.SessionClientId());
        var detail = await emulator.DeviceDetailAsync();
        Assert.Equal("ONLINE", detail["Status"]!.GetValue<string>());
        Assert.True(detail["Online"]!.GetValue<bool>());
        Assert.Equal("2023-11-14T22:13:21.000Z", detail["UtcActive"]!.GetValue<string>());
        Assert.False(device.Log.Contains(emulator.Demo.DeviceSecret));

        device.Client.Disconnect();
        Assert.Equal(DisconnectReason.Requested, device.NextDisconnect());
        Assert.Equal(LinkKitState.Disconnected, device.Client.State);
    }

    [Fact]
    public async Task DisconnectThenConnectAgain_SubscriptionReplayed_DestructEndsForGood()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);
        string get = device.Client.ToFullTopic("user/get");
        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(get, 1, out int subscribeId));
        Assert.Equal(subscribeId, SdkDevice.Next(device.Subscribed, "Subscribed").MessageId);

        device.Client.Disconnect();
        Assert.Equal(DisconnectReason.Requested, device.NextDisconnect());
        await emulator.WaitOfflineAsync();
        Assert.Equal("OFFLINE", (await emulator.DeviceDetailAsync())["Status"]!.GetValue<string>());
        Assert.Throws<LinkKitStateException>(() => device.Client.Publish(get, new byte[1], 0, 1, 0, out _)); // not (re)connecting: misuse

        await device.ConnectAsync(emulator);
        Assert.Equal((get, "A", 1), await emulator.PubUntilReceivedAsync(device, get, "A"));
        Assert.Empty(device.Subscribed); // replayed by the SDK itself, not raised again

        device.Client.Destruct();
        Assert.Equal(DisconnectReason.Requested, device.NextDisconnect());
        Assert.Equal(LinkKitState.Destructed, device.Client.State);
        Assert.Throws<LinkKitStateException>(() => device.Client.ConnectAsync());
    }

    [Fact]
    public async Task PlainTcp_HmacSha1WithTimestamp_PythonScheme_Connects()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        LinkKitOptions options = emulator.PlainOptions();
        options.SignMethod = SignMethod.HmacSha1;
        using SdkDevice device = SdkDevice.WithSecret(emulator.ProductKey, emulator.DeviceName, emulator.Demo.DeviceSecret, options);

        await device.ConnectAsync(emulator);

        string clientId = emulator.SessionClientId()!;
        Assert.StartsWith("a1DemoPK001&demo-device-01|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,timestamp=", clientId);
    }

    [Fact]
    public async Task Tls_TrustingOnlyTheAliyunRoots_RefusesTheEmulatorsCertificate_TlsFailure()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator, o => o.CaCertificates = AliyunRootCertificates.Pem);

        device.Client.ConnectAsync();

        Assert.Equal(ConnectResult.TlsFailure, device.NextConnect());
        Assert.Equal(ConnectResult.TlsFailure, device.NextConnect()); // it keeps retrying with back-off
        Assert.Equal(LinkKitState.Connecting, device.Client.State);
        Assert.False(emulator.Host.Broker.IsOnline(emulator.ProductKey, emulator.DeviceName));
    }

    [Fact]
    public async Task WrongDeviceSecret_ConnectCompletedWithConnack4_RetriedWithBackoff_NeverOnline()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        LinkKitOptions options = emulator.TlsOptions();
        using SdkDevice device = SdkDevice.WithSecret(emulator.ProductKey, emulator.DeviceName, "WrongSecret0123456789abcdef01234", options);

        device.Client.ConnectAsync();

        Assert.Equal(ConnectResult.BadUsernameOrPassword, device.NextConnect());
        Assert.Equal(ConnectResult.BadUsernameOrPassword, device.NextConnect());
        Assert.Equal(LinkKitState.Connecting, device.Client.State);
        Assert.Equal("UNACTIVE", (await emulator.DeviceDetailAsync())["Status"]!.GetValue<string>());
        Assert.True(device.Log.Contains("WARNING connect failed: BadUsernameOrPassword (4)"));
        Assert.False(device.Log.Contains("WrongSecret"));
    }

    [Fact]
    public async Task UnknownDevice_RefusedWithTheConfiguredConnack5()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync(o => o.AuthFailureConnack = 5);
        using SdkDevice device = SdkDevice.WithSecret(emulator.ProductKey, "no-such-device", emulator.Demo.DeviceSecret, emulator.TlsOptions());

        device.Client.ConnectAsync();

        Assert.Equal(ConnectResult.NotAuthorized, device.NextConnect());
    }

    [Fact]
    public async Task DisabledWhileConnected_LosesTheConnection_RefusedUntilEnabled_ThenReconnectsByItself()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);

        await emulator.CallAsync("DisableThing", new { emulator.ProductKey, emulator.DeviceName });

        Assert.Equal(DisconnectReason.ConnectionLost, device.NextDisconnect());
        Assert.Equal(ConnectResult.BadUsernameOrPassword, device.NextConnect());

        await emulator.CallAsync("EnableThing", new { emulator.ProductKey, emulator.DeviceName });

        Assert.Equal(ConnectResult.Accepted, device.NextConnectSkipping(ConnectResult.BadUsernameOrPassword, out _));
        emulator.AssertOnline();
        Assert.Equal(LinkKitState.Connected, device.Client.State);
    }
}
