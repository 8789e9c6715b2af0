using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>A device played by an MQTTnet client: connects with given credentials and records what it receives.</summary>
public sealed class TestDevice : IAsyncDisposable
{
    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    readonly Channel<(string Topic, byte[] Payload)> _received = Channel.CreateUnbounded<(string, byte[])>();

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public TestDevice()
    {
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Writer.TryWrite((args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += _ =>
        {
            Disconnected.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public TaskCompletionSource Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsConnected => _client.IsConnected;

    public Exception? LastConnectError { get; private set; }

    /// <summary>Connects and returns the CONNACK result (Success, BadUserNameOrPassword, …).</summary>
    public async Task<MqttClientConnectResultCode> ConnectAsync(int port, string clientId, string username, string password,
        X509Certificate2? ca = null, int keepAliveSeconds = 60)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithCredentials(username, password)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAliveSeconds))
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (ca != null) builder.WithTlsOptions(o => o.UseTls().WithTrustChain([ca]).WithTargetHost("127.0.0.1"));
        try
        {
            MqttClientConnectResult result = await _client.ConnectAsync(builder.Build());
            return result.ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
        {
            LastConnectError = ex;
            return MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    /// <summary>Connects and requires success.</summary>
    public static async Task<TestDevice> ConnectedAsync(int port, string clientId, string username, string password, X509Certificate2? ca = null)
    {
        var device = new TestDevice();
        Assert.Equal(MqttClientConnectResultCode.Success, await device.ConnectAsync(port, clientId, username, password, ca));
        return device;
    }

    /// <summary>The wire capture's device dev-001 over plain TCP with the V2 credentials (_ss=1).</summary>
    public static async Task<TestDevice> CaptureDeviceAsync(TestEmulator emulator)
    {
        TestDevice device = await ConnectedAsync(emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
        emulator.AssertOnline(Vectors.ProductKey, Vectors.DeviceName, Vectors.V2ClientId);
        return device;
    }

    /// <summary>
    /// Another device of the capture's product (device secret <see cref="Vectors.DeviceSecret"/>) with a C SDK 4.x style login over
    /// plain TCP, with or without <c>_ss=1</c>.
    /// </summary>
    public static async Task<TestDevice> SdkCStyleAsync(TestEmulator emulator, string deviceName, bool serverSideSubscription = true)
    {
        (string clientId, string username, string password) = SdkCStyleCredentials(deviceName, serverSideSubscription);
        TestDevice device = await ConnectedAsync(emulator.MqttPort, clientId, username, password);
        emulator.AssertOnline(Vectors.ProductKey, deviceName, clientId);
        return device;
    }

    /// <summary>The CONNECT fields of <see cref="SdkCStyleAsync"/>.</summary>
    public static (string ClientId, string Username, string Password) SdkCStyleCredentials(string deviceName, bool serverSideSubscription = true)
    {
        string pk = Vectors.ProductKey;
        string clientId = $"{pk}.{deviceName}|timestamp=2524608000000,{(serverSideSubscription ? "_ss=1," : "")}securemode=3,signmethod=hmacsha256|";
        string password = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vectors.DeviceSecret),
            Encoding.UTF8.GetBytes($"clientId{pk}.{deviceName}deviceName{deviceName}productKey{pk}timestamp2524608000000")));
        return (clientId, deviceName + "&" + pk, password);
    }

    public Task PublishAsync(string topic, string payload, int qos = 0) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos);

    public async Task PublishAsync(string topic, byte[] payload, int qos = 0)
    {
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build());
    }

    /// <summary>Subscribes and returns the SUBACK reason code.</summary>
    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        MqttClientSubscribeResult result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter).Build());
        return result.Items.Single().ResultCode;
    }

    /// <summary>The next message received (any topic); fails after <see cref="Wait"/>.</summary>
    public async Task<(string Topic, byte[] Payload)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("no message arrived within " + Wait);
        }
    }

    /// <summary>The next message, as text, requiring its topic.</summary>
    public async Task<string> NextTextAsync(string expectedTopic)
    {
        (string topic, byte[] payload) = await NextAsync();
        Assert.Equal(expectedTopic, topic);
        return Encoding.UTF8.GetString(payload);
    }

    /// <summary>True when nothing has been received (use after a later message proved ordering).</summary>
    public bool NothingPending => !_received.Reader.TryPeek(out _);

    /// <summary>Publishes and returns the next message received, requiring its topic.</summary>
    public async Task<string> RequestAsync(string topic, string payload, string replyTopic, int qos = 0)
    {
        await PublishAsync(topic, payload, qos);
        return await NextTextAsync(replyTopic);
    }

    public async Task DisconnectAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await DisconnectAsync(); } catch (Exception) { }
        _client.Dispose();
    }
}
