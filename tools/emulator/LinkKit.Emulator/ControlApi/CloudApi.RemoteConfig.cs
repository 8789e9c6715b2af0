using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.RemoteConfig;

namespace LinkKit.Emulator.ControlApi;

// Remote configuration (docs/protocol.md, Remote configuration). The platform edits, versions and pushes the file in its console
// and offers no cloud API for it, so these actions are the emulator's own: UpdateProductConfig, QueryProductConfig,
// PushProductConfig and ListProductConfigPushes. SignMethod is named SHA256 here, as the OTA actions name it.
public sealed partial class CloudApi
{
    RemoteConfigService RemoteConfig => cloud.RemoteConfig;

    // ConfigContent (text, stored as UTF-8; a JSON object or array, as the command line sends {...}, as its JSON text) or
    // ConfigBase64 (any bytes): exactly one.
    async Task<JsonObject> UpdateProductConfigAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        string? text = r.Body.TryGetProperty("ConfigContent", out JsonElement given) && given.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? given.GetRawText() : r.Optional("ConfigContent");
        if ((text != null) == (r.Optional("ConfigBase64") != null)) throw ApiRequest.Invalid("give exactly one of ConfigContent and ConfigBase64");
        ProductConfig config = await RemoteConfig.UpdateAsync(pk, text != null ? Encoding.UTF8.GetBytes(text) : r.Base64("ConfigBase64")).ConfigureAwait(false);
        return Data(ConfigInfo(config));
    }

    // The current file (or the version ConfigId names) with a download URL valid for 30 minutes, its content, and every version,
    // newest first.
    Task<JsonObject> QueryProductConfigAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        ProductConfig config = r.Optional("ConfigId") is string id ? RemoteConfig.RequireConfig(id) : RemoteConfig.RequireCurrent(pk);
        if (config.ProductKey != pk) throw ApiRequest.Invalid("configuration " + config.ConfigId + " belongs to product " + config.ProductKey);
        byte[] content = store.GetConfigContent(config.ConfigId)!;
        JsonObject info = ConfigInfo(config);
        info["Url"] = RemoteConfig.Url(config);
        info["ConfigContent"] = Utf8OrNull(content);
        info["ConfigBase64"] = Convert.ToBase64String(content);
        info["Versions"] = new JsonArray(store.ListConfigs(pk).Select(v => (JsonNode)ConfigInfo(v)).ToArray());
        return Task.FromResult(Data(info));
    }

    static readonly UTF8Encoding StrictUtf8 = new(false, true);

    static string? Utf8OrNull(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    static JsonObject ConfigInfo(ProductConfig c) => new()
    {
        ["ConfigId"] = c.ConfigId,
        ["ConfigSize"] = c.Size,
        ["Sign"] = c.Sha256,
        ["SignMethod"] = "SHA256",
        ["UtcCreate"] = Iso(c.CreatedMs),
    };

    async Task<JsonObject> PushProductConfigAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        (ProductConfig config, List<ConfigPush> pushes) = await RemoteConfig.PushAsync(pk).ConfigureAwait(false);
        return Data(new JsonObject
        {
            ["ConfigId"] = config.ConfigId,
            ["Pushes"] = new JsonArray(pushes.Select(p => (JsonNode)new JsonObject { ["DeviceName"] = p.DeviceName, ["MessageId"] = p.MessageId }).ToArray()),
        });
    }

    // Each push with the device's push_reply (ReplyCode, ReplyData and UtcReply stay null until it answers), newest first.
    Task<JsonObject> ListProductConfigPushesAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        var list = new JsonArray(store.ListConfigPushes(pk, r.Optional("ConfigId"), r.Optional("DeviceName")).Select(p => (JsonNode)new JsonObject
        {
            ["ConfigId"] = p.ConfigId,
            ["DeviceName"] = p.DeviceName,
            ["MessageId"] = p.MessageId,
            ["UtcPush"] = Iso(p.PushedMs),
            ["ReplyCode"] = p.ReplyCode,
            ["ReplyData"] = p.ReplyDataJson,
            ["UtcReply"] = p.RepliedMs == null ? null : Iso(p.RepliedMs),
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = list }));
    }
}
