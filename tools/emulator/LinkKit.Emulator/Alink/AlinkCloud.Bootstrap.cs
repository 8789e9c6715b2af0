namespace LinkKit.Emulator.Alink;

// Bootstrap notify (docs/protocol.md, Bootstrap): the cloud tells an online device to ask the bootstrap endpoint again where to
// connect (POST /auth/bootstrap, Auth/HttpBootstrap.cs) and reconnect there.
public sealed partial class AlinkCloud
{
    /// <summary>
    /// What a bootstrap notify is recorded under among the cloud's calls (QueryDeviceServiceData): not a TSL identifier, which holds
    /// no '/'.
    /// </summary>
    public const string BootstrapNotifyIdentifier = "bootstrap/notify";

    /// <summary>
    /// Publishes <c>{"id","version":"1.0","params":{"cmd":n},"method":"thing.bootstrap.notify"}</c> on
    /// <c>thing/bootstrap/notify</c> and records it; the device's notify_reply completes the record.
    /// </summary>
    public async Task<string> NotifyBootstrapAsync(string productKey, string deviceName, int cmd)
    {
        RequireOnline(productKey, deviceName);
        string parameters = "{\"cmd\":" + cmd + "}";
        string id = await RecordCallAsync(productKey, deviceName, BootstrapNotifyIdentifier, "async", parameters).ConfigureAwait(false);
        await PublishAsync($"/sys/{productKey}/{deviceName}/thing/bootstrap/notify", AlinkJson.Push("thing.bootstrap.notify", id, parameters))
            .ConfigureAwait(false);
        return id;
    }
}
