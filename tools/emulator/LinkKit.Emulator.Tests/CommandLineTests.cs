using LinkKit.Emulator.Cli;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The command line: option parsing and <c>call</c> against a running emulator's HTTP API.</summary>
[Collection("Console")]
public sealed class CommandLineTests
{
    static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "seed-demo", "tls", "no-securemode-check" };

    [Fact]
    public void ServeOptions_Parsed_PortsOffAndLoopbackDefault()
    {
        EmulatorOptions o = CommandLine.ParseServeOptions(new Arguments(
            ["serve", "--db", "x.db", "--mqtt-port", "0", "--mqtts-port", "off", "--api-port=9000", "--tls-host", "emu.local", "--tls-host", "10.0.0.1", "--no-securemode-check",
                "--ota-port", "9443", "--ota-host", "10.0.0.1"], Flags));
        Assert.Equal("x.db", o.DatabasePath);
        Assert.Equal(0, o.MqttPort);
        Assert.Null(o.MqttTlsPort);
        Assert.Equal(9000, o.ApiPort);
        Assert.Equal(8081, o.AuthPort);
        Assert.Equal((9443, "10.0.0.1"), (o.OtaPort, o.OtaHost));
        Assert.Equal(8443, CommandLine.ParseServeOptions(new Arguments(["serve"], Flags)).OtaPort);
        Assert.Equal(["emu.local", "10.0.0.1"], o.TlsHostNames);
        Assert.False(o.CheckSecureMode);
        Assert.Equal("127.0.0.1", o.BindAddress.ToString());
    }

    [Theory]
    [InlineData("--mqtt-port", "70000")]
    [InlineData("--bind", "not-an-ip")]
    [InlineData("--auth-failure-connack", "3")]
    public void ServeOptions_BadValues_UsageError(string name, string value)
    {
        Assert.Throws<UsageException>(() => CommandLine.ParseServeOptions(new Arguments(["serve", name, value], Flags)));
    }

    [Fact]
    public async Task Help_And_UnknownCommand()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["help"]));
        Assert.Equal(2, await CommandLine.RunAsync(["frobnicate"]));
    }

    [Fact]
    public async Task Call_WithFlagsAndJson_AgainstHttpApi()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(http: true);
        string api = emulator.Host.ApiBaseUri!.ToString();
        var output = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["call", "CreateProduct", "--api", api, "--ProductKey", "a1CliPK0001", "--ProductName", "cli", "--DynamicRegistration", "true"]));
            Assert.Equal(0, await CommandLine.RunAsync(["call", "RegisterDevice", "--api", api, "--json", """{"ProductKey":"a1CliPK0001","DeviceName":"cli-device"}"""]));
            Assert.Equal(1, await CommandLine.RunAsync(["call", "QueryDeviceDetail", "--api", api, "--ProductKey", "a1CliPK0001", "--DeviceName", "nobody"]));
        }
        finally
        {
            Console.SetOut(original);
        }
        string text = output.ToString();
        Assert.Contains("\"DynamicRegistration\": true", text);
        Assert.Contains("\"DeviceName\": \"cli-device\"", text);
        Assert.Contains("\"Code\": \"iot.device.NotExistedDevice\"", text);
        Assert.NotNull(emulator.Host.Store.GetDevice("a1CliPK0001", "cli-device"));
    }
}
