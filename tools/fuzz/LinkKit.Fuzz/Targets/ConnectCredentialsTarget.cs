using LinkKit.Emulator.Auth;

namespace LinkKit.Fuzz;

/// <summary>
/// The emulator's <c>ConnectCredentials.Parse</c> of a CONNECT's clientId and username (the input split at its first
/// newline; MQTT strings decoded as the broker does). A refusal says why; an acceptance names the username's device.
/// </summary>
public sealed class ConnectCredentialsTarget : FuzzTarget
{
    public override void Run(byte[] data)
    {
        int newline = Array.IndexOf(data, (byte)'\n');
        string clientId = Input.Text(newline < 0 ? data : data.AsSpan(0, newline));
        string? username = newline < 0 ? null : Input.Text(data.AsSpan(newline + 1));
        Check(clientId, username);
        Check(username, clientId);
    }

    private static void Check(string? clientId, string? username)
    {
        ConnectCredentials? c = ConnectCredentials.Parse(clientId, username, out string error, out _);
        if (c == null)
        {
            Oracle.That(!string.IsNullOrEmpty(error), "a refusal without a reason");
            return;
        }

        Oracle.That(error.Length == 0, "an acceptance with an error");
        Oracle.That(c.ProductKey.Length > 0 && c.DeviceName.Length > 0, "an accepted identity is empty");
        Oracle.That(username == c.DeviceName + "&" + c.ProductKey, "the identity is not the username's");
        Oracle.That(clientId!.StartsWith(c.DevicePart, StringComparison.Ordinal), "the device part is not the clientId's");
        Oracle.That(c.DevicePart.Contains(c.ProductKey, StringComparison.Ordinal) && c.DevicePart.Contains(c.DeviceName, StringComparison.Ordinal),
            "the clientId's device part does not name the device");
        _ = c.SecureMode;
        _ = c.ServerSideSubscription;
        foreach (string key in c.Options.Keys) Oracle.That(key.Length > 0 && c.Option(key) != null, "an empty or unreadable option name");
    }
}
