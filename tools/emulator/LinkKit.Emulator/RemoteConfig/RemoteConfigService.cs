using System.Security.Cryptography;
using System.Text.Json;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Downloads;
using LinkKit.Emulator.Registry;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.RemoteConfig;

/// <summary>
/// The platform's remote configuration (COTA, docs/protocol.md): one configuration file per product with its earlier versions,
/// the config/get answer, pushes to the product's online devices and their push_replies. The file is downloaded from the HTTPS
/// listener under <c>/config/{configId}/config.json</c>, exactly like a firmware file (<see cref="DownloadSite"/>).
/// </summary>
public sealed class RemoteConfigService(EmulatorStore store, IDownlink downlink, DownloadSite site, ILogger log, Func<long> clock) : IDownloadSource
{
    /// <summary>The platform's limit for a configuration file: 64 KB.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The platform's configuration URLs are valid for 30 minutes.</summary>
    public const long UrlExpirySeconds = 30 * 60;

    /// <summary>The file's name in download URLs.</summary>
    public const string FileName = "config.json";

    public string Area => "config";

    /// <summary>Stores <paramref name="content"/> as the product's new current file; the previous one stays as a version.</summary>
    public async Task<ProductConfig> UpdateAsync(string productKey, byte[] content)
    {
        if (content.Length == 0) throw new CloudApiException("InvalidParameter", "the configuration file is empty");
        if (content.Length > MaxFileBytes)
            throw new CloudApiException("InvalidParameter", "the configuration file has " + content.Length + " bytes; the platform allows " + MaxFileBytes + " (64 KB)");
        var config = new ProductConfig(AlinkCloud.RandomText(22) + "0400", productKey, content.Length, Convert.ToHexStringLower(MD5.HashData(content)),
            Convert.ToHexStringLower(SHA256.HashData(content)), clock());
        await store.CreateConfigAsync(config, content).ConfigureAwait(false);
        log.LogInformation("{Pk}: configuration {Id} ({Size} B) is current", productKey, config.ConfigId, config.Size);
        return config;
    }

    public ProductConfig RequireConfig(string configId) => store.GetConfig(configId) ??
        throw new CloudApiException("iot.config.NotExistedConfig", "no configuration file with ConfigId " + configId);

    public ProductConfig RequireCurrent(string productKey) => store.GetCurrentConfig(productKey) ??
        throw new CloudApiException("iot.config.NotExistedConfig", "product " + productKey + " has no configuration file (UpdateProductConfig)");

    /// <summary>A download URL of a version, valid for 30 minutes; null while the listener is off.</summary>
    public string? Url(ProductConfig config) => site.Url(this, config.ConfigId, FileName, UrlExpirySeconds);

    /// <summary>A configuration file for the download listener; its faults are set under the ConfigId.</summary>
    public ServedFile? Find(string configId, string fileName) =>
        fileName == FileName && store.GetConfig(configId) is ProductConfig config
            ? new ServedFile(config.Size, config.Md5, configId, () => store.GetConfigContent(configId) is byte[] bytes ? new MemoryStream(bytes, false) : null)
            : null;

    /// <summary>
    /// Pushes the product's current file, with fresh URLs, to each of its online devices and records the pushes (before they
    /// leave, so an answer at once finds its push). An offline device gets nothing; it asks with config/get when it wants the file.
    /// </summary>
    public async Task<(ProductConfig Config, List<ConfigPush> Pushes)> PushAsync(string productKey)
    {
        ProductConfig config = RequireCurrent(productKey);
        if (site.BaseUri == null) throw new CloudApiException("iot.ota.DownloadListenerOff", "the HTTPS download listener is off (--ota-port)");
        long now = clock();
        List<ConfigPush> pushes = store.ListDevices(productKey).Where(d => downlink.IsOnline(productKey, d.DeviceName))
            .Select(d => new ConfigPush(config.ConfigId, productKey, d.DeviceName, MessageIds.NextAlinkId(), now, null, null, null)).ToList();
        await store.SaveConfigPushesAsync(pushes).ConfigureAwait(false);
        foreach (ConfigPush push in pushes)
        {
            await downlink.PublishAsync($"/sys/{productKey}/{push.DeviceName}/thing/config/push",
                ConfigMessages.Push(push.MessageId, ConfigMessages.Data(config, Url(config)!)), 1).ConfigureAwait(false);
            log.LogInformation("{Pk}/{Dn}: configuration {Id} pushed (message {MessageId})", productKey, push.DeviceName, config.ConfigId, push.MessageId);
        }
        return (config, pushes);
    }

    /// <summary>
    /// The config/get answer for <c>params</c> (absent, or <c>configScope</c> "product" and <c>getType</c> "file", the only kinds
    /// the platform has): the current file's data with a fresh URL, <c>{}</c> when the product has none; an error for other params.
    /// </summary>
    public (string DataJson, AlinkError? Error) Get(string productKey, JsonElement parameters)
    {
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
            return ("{}", new AlinkError(AlinkCodes.RequestParameterError, "params must be a JSON object"));
        if (!parameters.IsAbsentOr("configScope", "product")) return ("{}", new AlinkError(AlinkCodes.RequestParameterError, "configScope must be \"product\""));
        if (!parameters.IsAbsentOr("getType", "file")) return ("{}", new AlinkError(AlinkCodes.RequestParameterError, "getType must be \"file\""));
        ProductConfig? config = store.GetCurrentConfig(productKey);
        if (config == null) return ("{}", null);
        if (Url(config) is not string url)
        {
            log.LogWarning("{Pk}: configuration {Id} asked for, but the HTTPS download listener is off", productKey, config.ConfigId);
            return ("{}", null);
        }
        return (ConfigMessages.Data(config, url), null);
    }

    /// <summary>Records a device's push_reply against its push; false when no push with that message id waits for one.</summary>
    public Task<bool> RecordPushReplyAsync(string productKey, string deviceName, string messageId, int code, string dataJson) =>
        store.SaveConfigPushReplyAsync(productKey, deviceName, messageId, code, dataJson, clock());
}
