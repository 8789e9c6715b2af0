using LinkKit.Emulator.RemoteConfig;
using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

// The remote configuration records: every version of each product's configuration file with its bytes (at most 64 KB, so they
// live in the database), and each push to a device with the device's push_reply.
public sealed partial class EmulatorStore
{
    const string RemoteConfigSchema = """
        CREATE TABLE IF NOT EXISTS config_files (
            config_id TEXT PRIMARY KEY, product_key TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL, sha256 TEXT NOT NULL,
            content BLOB NOT NULL, created_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS config_files_product ON config_files (product_key, created_ms);
        CREATE TABLE IF NOT EXISTS config_pushes (
            id INTEGER PRIMARY KEY AUTOINCREMENT, config_id TEXT NOT NULL, product_key TEXT NOT NULL, device_name TEXT NOT NULL,
            message_id TEXT NOT NULL, pushed_ms INTEGER NOT NULL, reply_code INTEGER, reply_data_json TEXT, replied_ms INTEGER);
        CREATE INDEX IF NOT EXISTS config_pushes_device ON config_pushes (product_key, device_name, message_id);
        """;

    const string ConfigColumns = "config_id, product_key, size, md5, sha256, created_ms";

    static ProductConfig MapConfig(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt64(5));

    /// <summary>Stores a new version; the newest version of a product is its current file.</summary>
    public Task CreateConfigAsync(ProductConfig c, byte[] content) => _writer.RunAsync(s => s.Execute(
        "INSERT INTO config_files VALUES ($id, $pk, $size, $md5, $sha, $content, $created)",
        ("$id", c.ConfigId), ("$pk", c.ProductKey), ("$size", c.Size), ("$md5", c.Md5), ("$sha", c.Sha256), ("$content", content), ("$created", c.CreatedMs)));

    public ProductConfig? GetConfig(string configId) => ReadWith(s => s.Query(
        "SELECT " + ConfigColumns + " FROM config_files WHERE config_id=$id", MapConfig, ("$id", configId)).FirstOrDefault());

    public ProductConfig? GetCurrentConfig(string productKey) => ListConfigs(productKey).FirstOrDefault();

    /// <summary>Every version of the product's file, newest (the current one) first.</summary>
    public List<ProductConfig> ListConfigs(string productKey) => ReadWith(s => s.Query(
        "SELECT " + ConfigColumns + " FROM config_files WHERE product_key=$pk ORDER BY created_ms DESC, rowid DESC", MapConfig, ("$pk", productKey)));

    public byte[]? GetConfigContent(string configId) =>
        ReadWith(s => (byte[]?)s.Scalar("SELECT content FROM config_files WHERE config_id=$id", ("$id", configId)));

    public Task SaveConfigPushesAsync(IReadOnlyList<ConfigPush> pushes) => _writer.RunAsync(s =>
    {
        foreach (ConfigPush p in pushes)
            s.Execute("INSERT INTO config_pushes (config_id, product_key, device_name, message_id, pushed_ms) VALUES ($id, $pk, $dn, $mid, $now)",
                ("$id", p.ConfigId), ("$pk", p.ProductKey), ("$dn", p.DeviceName), ("$mid", p.MessageId), ("$now", p.PushedMs));
    });

    /// <summary>Records a device's push_reply; false when no push to it with that message id waits for one.</summary>
    public Task<bool> SaveConfigPushReplyAsync(string productKey, string deviceName, string messageId, int code, string dataJson, long nowMs) =>
        _writer.RunAsync(s => s.Execute(
            "UPDATE config_pushes SET reply_code=$code, reply_data_json=$data, replied_ms=$now " +
            "WHERE product_key=$pk AND device_name=$dn AND message_id=$mid AND reply_code IS NULL",
            ("$pk", productKey), ("$dn", deviceName), ("$mid", messageId), ("$code", code), ("$data", dataJson), ("$now", nowMs)) == 1);

    /// <summary>The product's pushes, newest first, optionally of one version and one device.</summary>
    public List<ConfigPush> ListConfigPushes(string productKey, string? configId, string? deviceName) => ReadWith(s => s.Query(
        "SELECT config_id, product_key, device_name, message_id, pushed_ms, reply_code, reply_data_json, replied_ms FROM config_pushes " +
        "WHERE product_key=$pk AND ($id IS NULL OR config_id=$id) AND ($dn IS NULL OR device_name=$dn) ORDER BY id DESC",
        r => new ConfigPush(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.NullableInt32(5),
            r.NullableString(6), r.NullableInt64(7)),
        ("$pk", productKey), ("$id", configId), ("$dn", deviceName)));
}
