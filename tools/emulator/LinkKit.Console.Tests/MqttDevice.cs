using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using LinkKit.Emulator;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit;

namespace LinkKit.Console.Tests;

/// <summary>
/// A device played by a plain MQTTnet client, so a test decides every byte it answers: the demo identity over plain TCP with the
/// Python SDK's login and <c>_ss=1</c> (the emulator subscribes it to its downlinks), recording what it receives.
/// </summary>
public sealed class MqttDevice : IAsyncDisposable
{
    static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(Browser.ExpectTimeoutMs);

    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    readonly Channel<(string Topic, string Payload)> _received = Channel.CreateUnbounded<(string, string)>();

    MqttDevice()
    {
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Writer.TryWrite((args.ApplicationMessage.Topic, Encoding.UTF8.GetString(args.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    public static async Task<MqttDevice> ConnectAsync(EmulatorHost emulator, DemoIdentity demo)
    {
        string pk = demo.ProductKey, dn = demo.DeviceName, timestamp = "1700000000000";
        string clientId = $"{pk}&{dn}|securemode=3,signmethod=hmacsha256,_ss=1,timestamp={timestamp}|";
        string password = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(demo.DeviceSecret),
            Encoding.UTF8.GetBytes($"clientId{pk}&{dn}deviceName{dn}productKey{pk}timestamp{timestamp}")));
        var device = new MqttDevice();
        MqttClientConnectResult result = await device._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", emulator.MqttPort!.Value).WithClientId(clientId).WithCredentials(dn + "&" + pk, password)
            .WithProtocolVersion(MqttProtocolVersion.V311).WithKeepAlivePeriod(TimeSpan.FromSeconds(60)).WithCleanSession().Build());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return device;
    }

    /// <summary>The next message the device receives.</summary>
    public async Task<(string Topic, string Payload)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async Task PublishAsync(string topic, string payload) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build());

    public async Task SubscribeAsync(string filter) => await _client.SubscribeAsync(filter);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
