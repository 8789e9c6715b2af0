using LinkKit.Emulator.Auth;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>clientId/username parsing and the signer, against the published vectors (no broker).</summary>
public sealed class CredentialParsingTests
{
    [Fact]
    public void PythonStyle_WithSiiHoldingPipes_Parsed()
    {
        ConnectCredentials c = ConnectCredentials.Parse(Vectors.V2ClientId, Vectors.Username, out string error)!;
        Assert.Equal("", error);
        Assert.Equal(LoginKind.DeviceSecret, c.Kind);
        Assert.Equal("a1TestPK001&dev-001", c.DevicePart);
        Assert.Equal("Eth|03ACDEFF0032|Eth|03ACDEFF0031", c.Option("sii"));
        Assert.Equal("1795666684", c.Option("timestamp"));
        Assert.Equal(3, c.SecureMode);
        Assert.True(c.ServerSideSubscription);
    }

    [Fact]
    public void ConnwlWithPlatformClientIdHoldingAPipe_Parsed()
    {
        ConnectCredentials c = ConnectCredentials.Parse(
            "a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", Vectors.W3Username, out _)!;
        Assert.Equal(LoginKind.TokenLogin, c.Kind);
        Assert.Equal(-2, c.SecureMode);
        Assert.Equal("dev-dyn-2", c.DeviceName);
    }

    [Fact]
    public void DynamicRegistration_DeviceNameFirst_Parsed()
    {
        ConnectCredentials c = ConnectCredentials.Parse(Vectors.W3ClientId, Vectors.W3Username, out _)!;
        Assert.Equal(LoginKind.RegisterNoWhitelist, c.Kind);
        Assert.Equal("24tBRPjAgGrj6zM", c.Option("random"));
        Assert.Equal("iot-06z00test", c.Option("instanceId"));
    }

    [Theory]
    [InlineData("a1TestPK001&dev-001|securemode=3|", "dev-001", false)]                    // username without &
    [InlineData("a1TestPK001&dev-001|securemode=3|", "dev-001&a1TestPK001&x", false)]       // two &
    [InlineData("a1TestPK001&dev-002|securemode=3|", "dev-001&a1TestPK001", true)]          // another device
    [InlineData("dev-001.a1TestPK001|securemode=3|", "dev-001&a1TestPK001", true)]          // dn.pk without authType
    [InlineData("a1TestPK001&dev-001|securemode=3", "dev-001&a1TestPK001", true)]           // unclosed options
    [InlineData("", "dev-001&a1TestPK001", true)]
    public void Malformed_Refused(string clientId, string username, bool clientIdFault)
    {
        Assert.Null(ConnectCredentials.Parse(clientId, username, out string error, out bool fault));
        Assert.NotEqual("", error);
        Assert.Equal(clientIdFault, fault);
    }

    [Theory]
    // V1, V2, W1, V1b: HMAC-SHA1 device logins; L4 upper case HMAC-SHA256.
    [InlineData("hmacsha1", "0123456789abcdef0123456789abcdef", "clientIda1B2c3D4e5F&device01deviceNamedevice01productKeya1B2c3D4e5Ftimestamp1700000000", "7779f9d65fe08a4a8f81f40244629bd32fc682ec")]
    [InlineData("hmacsha1", "0123456789abcdef0123456789abcdef", "clientIda1TestPK001&dev-001deviceNamedev-001productKeya1TestPK001timestamp1795666684", "35b88ce6168eff00ead07ddc2662906e8c1c2a4c")]
    [InlineData("hmacsha1", "0123456789abcdef0123456789abcdef", "clientIda1TestPK001&dev-001deviceNamedev-001productKeya1TestPK001timestamp1795666709", "9c7402bb5f0e2c7324a712a8e58b1949dff8de5b")]
    [InlineData("hmacsha1", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", "clientIda1X2bEnP82z&example1deviceNameexample1productKeya1X2bEnP82ztimestamp1700000000", "4608d3aa3c928984bb5968cbcb2b2710bea4b8db")]
    [InlineData("HMACSHA256", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", "clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000", "B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2")]
    // V3, W3, V4: registration signs with the product secret.
    [InlineData("hmacsha256", "ProductSecret0123456789", "deviceNamedev-dyn-1productKeya1TestPK001randome6n2dRZmNCKrXBa", "ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73")]
    [InlineData("hmacsha256", "ProductSecret0123456789", "deviceNamedev-dyn-2productKeya1TestPK001random24tBRPjAgGrj6zM", "de38f3bcac2be9cfb1e7a1c93ab6884c4dc4c3dd69ff356b15170786f20edde0")]
    [InlineData("hmacsha256", "ProductSecretABCDEF", "deviceNamedevice01productKeya1B2c3D4e5FrandomAbCdEfGhIjKlMnO", "e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e")]
    public void Signer_MatchesTheVectors(string method, string secret, string content, string expected)
    {
        Assert.True(AlinkSigner.Verify(method, secret, content, expected));
        Assert.False(AlinkSigner.Verify(method, secret + "x", content, expected));
    }

    [Fact]
    public void SignedStrings_AsTheVectorsShowThem()
    {
        Assert.Equal("clientIda1TestPK001&dev-001deviceNamedev-001productKeya1TestPK001timestamp1795666684",
            AlinkSigner.DeviceLoginContent("a1TestPK001&dev-001", "a1TestPK001", "dev-001", "1795666684"));
        Assert.Equal("deviceNamedev-dyn-1productKeya1TestPK001randome6n2dRZmNCKrXBa",
            AlinkSigner.RegistrationContent("a1TestPK001", "dev-dyn-1", "e6n2dRZmNCKrXBa"));
    }
}
