using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.ThingModels;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>RegistrationReplyParser</c> on the platform's answers to dynamic registration (setup time): the first input byte
/// picks the HTTPS response (peer open or closed), the <c>/ext/register</c> or the <c>/ext/regnwl</c> payload. Success
/// holds a non-empty credential of the right kind; every failure holds none. The closed-peer HTTPS response is also read
/// as the bootstrap service's answer (<c>HttpsBootstrap</c>): an endpoint only with a code, a host and a port 1-65535.
/// </summary>
public sealed class RegistrationTarget : FuzzTarget
{
    private readonly HttpsBootstrap _bootstrap = new(new NoTls(), "localhost", 443, "-----BEGIN CERTIFICATE-----");
    private readonly RegistrationReplyParser _parser = new();
    private readonly RegistrationReply _reply = new();
    private readonly SecretRecord _record = new();
    private readonly byte[] _slot = new byte[SecretRecordFormat.MaxLength];

    public override void Run(byte[] data)
    {
        if (data.Length == 0) return;
        byte[] input = Input.Framed(data);
        int offset = Input.Offset + 1, count = data.Length - 1;
        RegistrationReply reply = _reply;
        int mode = data[0] % 4;
        if (mode == 0) ReadAsBootstrapAnswer((byte[])input.Clone(), offset, count);
        int rc = mode switch
        {
            0 => _parser.ParseHttps(input, offset, count, true, TestTsl.ProductKey, TestTsl.DeviceName, reply),
            1 => _parser.ParseHttps(input, offset, count, false, TestTsl.ProductKey, TestTsl.DeviceName, reply),
            2 => _parser.ParseRegister(input, offset, count, TestTsl.ProductKey, TestTsl.DeviceName, reply),
            _ => _parser.ParseRegnwl(input, offset, count, TestTsl.ProductKey, TestTsl.DeviceName, reply),
        };

        if (rc == ErrorCode.Ok)
        {
            RegistrationKind expected = mode == 3 ? RegistrationKind.DeviceToken : RegistrationKind.DeviceSecret;
            Oracle.That(reply.Kind == expected, $"success with kind {reply.Kind}");
            Oracle.That(reply._secretLength > 0, "success without a credential");
            Oracle.That(mode != 3 || reply._clientIdLength > 0, "regnwl success without a clientId");
            Oracle.That(mode > 1 || reply.HttpStatus == 200, $"HTTPS success with status {reply.HttpStatus}");
            Oracle.That(!string.IsNullOrEmpty(mode == 3 ? reply.GetDeviceToken() : reply.GetDeviceSecret()), "the credential does not read back");

            // What the registration channels do next: keep the result as a record and store it.
            reply.ToRecord(TestTsl.ProductKey, TestTsl.DeviceName, _record);
            int length = SecretRecordFormat.Encode(_record, 1, _slot, 0, _slot.Length);
            Oracle.That(length > 0 && SecretRecordFormat.Decode(_slot, 0, length, new SecretRecord()) == ErrorCode.Ok, $"the registered credential does not store: {length}");
        }
        else
        {
            Oracle.That(rc < 0, $"failure code {rc}");
            Oracle.That(reply.Kind == RegistrationKind.None && reply._secretLength == 0 && reply._clientIdLength == 0, $"a failure ({rc}) left a credential");
        }

        Oracle.That(reply._messageLength >= 0 && reply._messageLength <= RegistrationReply.MessageCapacity, $"message length {reply._messageLength}");
        reply.GetMessage();
        reply.ToString();
    }

    // Framed on a copy (a chunked body is joined in place), then read as the bootstrap service's answer.
    private void ReadAsBootstrapAnswer(byte[] input, int offset, int count)
    {
        if (HttpResponseFraming.Frame(input, offset, count, true, out _, out int body, out int length) != ErrorCode.Ok) return;
        int rc = _bootstrap.ReadAnswer(input, body, length, out bool hasCode, out _, out string? host, out int port);
        Oracle.That(rc == ErrorCode.Ok || rc == ErrorCode.MissingField || rc == ErrorCode.Malformed, $"ReadAnswer returned {rc}");
        if (rc == ErrorCode.Ok) Oracle.That(hasCode && !string.IsNullOrEmpty(host) && port >= 1 && port <= 65535, $"an endpoint {host}:{port} without code, host or port");
    }

    /// <summary>The bootstrap reader never connects here.</summary>
    private sealed class NoTls : ITlsConnector
    {
        public int Connect(string host, int port, string caPem, out ITlsStream stream)
        {
            stream = null!;
            return ErrorCode.TlsConnectFailed;
        }
    }
}
