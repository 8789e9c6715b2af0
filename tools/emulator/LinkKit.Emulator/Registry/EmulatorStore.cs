using System.Collections.Concurrent;
using LinkKit.Emulator.Alink;
using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

/// <summary>
/// The registry and the data devices send, in one SQLite file: products, devices, latest and historic property
/// values, events, tags, shadows, service calls, raw uplinks, the OTA records (EmulatorStore.Ota.cs), the remote configuration
/// files (EmulatorStore.RemoteConfig.cs), desired properties (EmulatorStore.Desired.cs), device logs (EmulatorStore.DeviceLog.cs) and bootstrap endpoints
/// (EmulatorStore.Bootstrap.cs). Survives restarts. Writes go through one group-committing writer; reads open pooled
/// connections (WAL lets them run beside the writer).
/// </summary>
public sealed partial class EmulatorStore : IAsyncDisposable
{
    readonly string _connectionString;
    readonly SqliteWriter _writer;
    readonly ConcurrentDictionary<string, Product> _products = new(StringComparer.Ordinal);

    EmulatorStore(string connectionString)
    {
        _connectionString = connectionString;
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            var session = new SqlSession(connection);
            session.Scalar("PRAGMA journal_mode=WAL");
            session.Execute(Schema);
            session.Execute(OtaSchema);
            session.Execute(RemoteConfigSchema);
            session.Execute(DesiredSchema);
            session.Execute(DeviceLogSchema);
            session.Execute(BootstrapSchema);
        }
        _writer = new SqliteWriter(connectionString);
    }

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    public static EmulatorStore Open(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null) Directory.CreateDirectory(directory);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 };
        return new EmulatorStore(builder.ToString());
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    const string Schema = """
        CREATE TABLE IF NOT EXISTS products (
            product_key TEXT PRIMARY KEY, product_name TEXT NOT NULL, product_secret TEXT NOT NULL, tsl_json TEXT,
            dynamic_register INTEGER NOT NULL, raw_reply_hex TEXT, created_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS devices (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, device_secret TEXT NOT NULL, iot_id TEXT NOT NULL,
            status TEXT NOT NULL, activated_ms INTEGER, last_online_ms INTEGER, device_token TEXT, token_client_id TEXT,
            created_ms INTEGER NOT NULL, PRIMARY KEY (product_key, device_name));
        CREATE TABLE IF NOT EXISTS property_latest (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, identifier TEXT NOT NULL, value_json TEXT NOT NULL,
            time_ms INTEGER NOT NULL, PRIMARY KEY (product_key, device_name, identifier));
        CREATE TABLE IF NOT EXISTS property_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT NOT NULL, device_name TEXT NOT NULL,
            identifier TEXT NOT NULL, value_json TEXT NOT NULL, time_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS property_history_device ON property_history (product_key, device_name, identifier, time_ms);
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT NOT NULL, device_name TEXT NOT NULL,
            identifier TEXT NOT NULL, event_type TEXT NOT NULL, output_json TEXT NOT NULL, time_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS events_device ON events (product_key, device_name, time_ms);
        CREATE TABLE IF NOT EXISTS tags (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, attr_key TEXT NOT NULL, attr_value TEXT NOT NULL,
            PRIMARY KEY (product_key, device_name, attr_key));
        CREATE TABLE IF NOT EXISTS shadows (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, version INTEGER NOT NULL, document_json TEXT NOT NULL,
            updated_ms INTEGER NOT NULL, PRIMARY KEY (product_key, device_name));
        CREATE TABLE IF NOT EXISTS uplinks (
            id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT, device_name TEXT, topic TEXT NOT NULL,
            payload BLOB NOT NULL, time_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS uplinks_device ON uplinks (product_key, device_name, id);
        CREATE TABLE IF NOT EXISTS service_calls (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, message_id TEXT NOT NULL, identifier TEXT NOT NULL,
            call_type TEXT NOT NULL, params_json TEXT NOT NULL, reply_code INTEGER, reply_data_json TEXT,
            created_ms INTEGER NOT NULL, replied_ms INTEGER, PRIMARY KEY (product_key, device_name, message_id));
        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS topic_classes (
            topic_id INTEGER PRIMARY KEY AUTOINCREMENT, product_key TEXT NOT NULL, short_name TEXT NOT NULL,
            operation TEXT NOT NULL, description TEXT, UNIQUE (product_key, short_name));
        -- Products made before topic classes existed get the defaults once.
        INSERT INTO topic_classes (product_key, short_name, operation)
            SELECT p.product_key, d.short_name, d.operation FROM products p,
                (SELECT 'update' AS short_name, 'PUB' AS operation, 1 AS n UNION ALL SELECT 'update/error', 'PUB', 2
                 UNION ALL SELECT 'get', 'SUB', 3 ORDER BY n) d
            WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'topic_classes')
            ORDER BY p.created_ms, d.n;
        INSERT OR IGNORE INTO settings VALUES ('topic_classes', 'seeded');
        """;

    SqlSession Read(out SqliteConnection connection)
    {
        connection = new SqliteConnection(_connectionString);
        connection.Open();
        return new SqlSession(connection);
    }

    T ReadWith<T>(Func<SqlSession, T> read)
    {
        SqlSession session = Read(out SqliteConnection connection);
        using (connection) return read(session);
    }

    // ---------------------------------------------------------------- products

    /// <summary>Stores a new product with the default topic classes.</summary>
    public async Task<Product> CreateProductAsync(Product product)
    {
        Product parsed = WithModel(product);
        List<TopicClass> classes = await _writer.RunAsync(s =>
        {
            s.Execute("INSERT INTO products VALUES ($pk, $name, $secret, $tsl, $dyn, $raw, $created)",
                ("$pk", product.ProductKey), ("$name", product.ProductName), ("$secret", product.ProductSecret),
                ("$tsl", product.TslJson), ("$dyn", product.DynamicRegistration ? 1 : 0), ("$raw", product.RawReplyHex),
                ("$created", product.CreatedMs));
            foreach ((string shortName, string operation) in TopicClass.Defaults)
                InsertTopicClass(s, product.ProductKey, shortName, operation, null);
            return ReadTopicClasses(s, product.ProductKey);
        }).ConfigureAwait(false);
        parsed = parsed with { TopicClasses = classes };
        _products[product.ProductKey] = parsed;
        return parsed;
    }

    public async Task<Product> UpdateProductAsync(Product product)
    {
        Product parsed = WithModel(product);
        await _writer.RunAsync(s => s.Execute(
            "UPDATE products SET product_name=$name, tsl_json=$tsl, dynamic_register=$dyn, raw_reply_hex=$raw WHERE product_key=$pk",
            ("$pk", product.ProductKey), ("$name", product.ProductName), ("$tsl", product.TslJson),
            ("$dyn", product.DynamicRegistration ? 1 : 0), ("$raw", product.RawReplyHex))).ConfigureAwait(false);
        _products[product.ProductKey] = parsed;
        return parsed;
    }

    /// <summary>The product, with its parsed thing model; cached (products change only through this store).</summary>
    public Product? GetProduct(string productKey)
    {
        if (_products.TryGetValue(productKey, out Product? cached)) return cached;
        Product? product = ReadWith(s => s.Query(
            "SELECT product_key, product_name, product_secret, tsl_json, dynamic_register, raw_reply_hex, created_ms FROM products WHERE product_key=$pk",
            r => new Product(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.GetInt32(4) != 0,
                r.NullableString(5), r.GetInt64(6)), ("$pk", productKey)).FirstOrDefault());
        if (product == null) return null;
        product = WithModel(product) with { TopicClasses = ReadWith(s => ReadTopicClasses(s, productKey)) };
        _products[productKey] = product;
        return product;
    }

    // ---------------------------------------------------------------- topic classes

    /// <summary>Adds a topic class; null when the product already has one with that name.</summary>
    public Task<TopicClass?> CreateTopicClassAsync(string productKey, string shortName, string operation, string? desc) =>
        ChangeTopicClassesAsync(productKey, s =>
        {
            if (s.Scalar("SELECT 1 FROM topic_classes WHERE product_key=$pk AND short_name=$n", ("$pk", productKey), ("$n", shortName)) != null)
                return null;
            long id = InsertTopicClass(s, productKey, shortName, operation, desc);
            return new TopicClass(id, productKey, shortName, operation, desc);
        });

    /// <summary>Replaces a topic class's name, operation and description; false when another class has that name.</summary>
    public async Task<bool> UpdateTopicClassAsync(TopicClass changed) => await ChangeTopicClassesAsync(changed.ProductKey, s =>
        s.Scalar("SELECT 1 FROM topic_classes WHERE product_key=$pk AND short_name=$n AND topic_id<>$id",
            ("$pk", changed.ProductKey), ("$n", changed.ShortName), ("$id", changed.TopicId)) == null &&
        s.Execute("UPDATE topic_classes SET short_name=$n, operation=$op, description=$d WHERE topic_id=$id",
            ("$n", changed.ShortName), ("$op", changed.Operation), ("$d", changed.Desc), ("$id", changed.TopicId)) == 1).ConfigureAwait(false);

    public Task DeleteTopicClassAsync(TopicClass topicClass) => ChangeTopicClassesAsync(topicClass.ProductKey, s =>
        s.Execute("DELETE FROM topic_classes WHERE topic_id=$id", ("$id", topicClass.TopicId)));

    /// <summary>The topic class with this id, in whichever product it is.</summary>
    public TopicClass? GetTopicClass(long topicId)
    {
        string? productKey = ReadWith(s => (string?)s.Scalar("SELECT product_key FROM topic_classes WHERE topic_id=$id", ("$id", topicId)));
        return productKey == null ? null : GetProduct(productKey)?.TopicClasses.FirstOrDefault(c => c.TopicId == topicId);
    }

    // A change and the re-read of the product's classes in one write, then the cached product updated.
    async Task<T> ChangeTopicClassesAsync<T>(string productKey, Func<SqlSession, T> change)
    {
        (T result, List<TopicClass> classes) = await _writer.RunAsync(s => (change(s), ReadTopicClasses(s, productKey))).ConfigureAwait(false);
        if (GetProduct(productKey) is Product product) _products[productKey] = product with { TopicClasses = classes };
        return result;
    }

    static long InsertTopicClass(SqlSession s, string productKey, string shortName, string operation, string? desc) =>
        (long)s.Scalar("INSERT INTO topic_classes (product_key, short_name, operation, description) VALUES ($pk, $n, $op, $d) RETURNING topic_id",
            ("$pk", productKey), ("$n", shortName), ("$op", operation), ("$d", desc))!;

    static List<TopicClass> ReadTopicClasses(SqlSession s, string productKey) => s.Query(
        "SELECT topic_id, short_name, operation, description FROM topic_classes WHERE product_key=$pk ORDER BY topic_id",
        r => new TopicClass(r.GetInt64(0), productKey, r.GetString(1), r.GetString(2), r.NullableString(3)), ("$pk", productKey));

    public List<Product> ListProducts() => ReadWith(s => s.Query("SELECT product_key FROM products ORDER BY created_ms",
        r => r.GetString(0))).Select(pk => GetProduct(pk)!).ToList();

    static Product WithModel(Product product) =>
        product with { Tsl = string.IsNullOrWhiteSpace(product.TslJson) ? null : ThingModel.Parse(product.TslJson) };

    // ---------------------------------------------------------------- devices

    public Task RegisterDeviceAsync(Device device) => RegisterDevicesAsync([device]);

    /// <summary>Registers devices in one transaction (bulk provisioning for load runs).</summary>
    public Task RegisterDevicesAsync(IReadOnlyList<Device> devices) => _writer.RunAsync(s =>
    {
        foreach (Device d in devices)
            s.Execute("INSERT INTO devices VALUES ($pk, $dn, $ds, $iot, $status, $act, $last, $token, $tcid, $created)",
                ("$pk", d.ProductKey), ("$dn", d.DeviceName), ("$ds", d.DeviceSecret), ("$iot", d.IotId),
                ("$status", d.Status), ("$act", d.ActivatedMs), ("$last", d.LastOnlineMs), ("$token", d.DeviceToken),
                ("$tcid", d.TokenClientId), ("$created", d.CreatedMs));
    });

    const string DeviceColumns = "product_key, device_name, device_secret, iot_id, status, activated_ms, last_online_ms, device_token, token_client_id, created_ms";

    static Device MapDevice(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetString(4), r.NullableInt64(5), r.NullableInt64(6), r.NullableString(7), r.NullableString(8), r.GetInt64(9));

    public Device? GetDevice(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT " + DeviceColumns + " FROM devices WHERE product_key=$pk AND device_name=$dn", MapDevice,
        ("$pk", productKey), ("$dn", deviceName)).FirstOrDefault());

    public Device? GetDeviceByIotId(string iotId) => ReadWith(s => s.Query(
        "SELECT " + DeviceColumns + " FROM devices WHERE iot_id=$iot", MapDevice, ("$iot", iotId)).FirstOrDefault());

    public List<Device> ListDevices(string productKey) => ReadWith(s => s.Query(
        "SELECT " + DeviceColumns + " FROM devices WHERE product_key=$pk ORDER BY created_ms, device_name", MapDevice, ("$pk", productKey)));

    /// <summary>How many devices the product has, counted by SQLite (no device record is built).</summary>
    public int CountDevices(string productKey) => ReadWith(s => (int)(long)s.Scalar(
        "SELECT COUNT(*) FROM devices WHERE product_key=$pk", ("$pk", productKey))!);

    /// <summary>Writes queued or running in the one database writer now, and the most ever queued at once.</summary>
    public int WriteQueueDepth => _writer.Depth;

    public int WriteQueuePeak => _writer.Peak;

    /// <summary>Queues <paramref name="work"/> on the one writer (tests hold the writer with it to fill the queue).</summary>
    internal Task WriteAsync(Action<SqlSession> work) => _writer.RunAsync(work);

    /// <summary>Marks the device online; the first login activates it.</summary>
    public Task SetOnlineAsync(string productKey, string deviceName, long nowMs) => _writer.RunAsync(s => s.Execute(
        "UPDATE devices SET status='ONLINE', last_online_ms=$now, activated_ms=COALESCE(activated_ms, $now) WHERE product_key=$pk AND device_name=$dn AND status<>'DISABLE'",
        ("$pk", productKey), ("$dn", deviceName), ("$now", nowMs)));

    public Task SetOfflineAsync(string productKey, string deviceName) => _writer.RunAsync(s => s.Execute(
        "UPDATE devices SET status='OFFLINE' WHERE product_key=$pk AND device_name=$dn AND status='ONLINE'",
        ("$pk", productKey), ("$dn", deviceName)));

    /// <summary>After a restart nobody is connected.</summary>
    public Task SetAllOfflineAsync() => _writer.RunAsync(s => s.Execute("UPDATE devices SET status='OFFLINE' WHERE status='ONLINE'"));

    /// <summary>Disables a device, or enables it again (status OFFLINE, or UNACTIVE if it never logged in).</summary>
    public Task SetDisabledAsync(string productKey, string deviceName, bool disabled) => _writer.RunAsync(s => s.Execute(
        "UPDATE devices SET status=CASE WHEN $disabled THEN 'DISABLE' WHEN activated_ms IS NULL THEN 'UNACTIVE' ELSE 'OFFLINE' END " +
        "WHERE product_key=$pk AND device_name=$dn", ("$pk", productKey), ("$dn", deviceName), ("$disabled", disabled ? 1 : 0)));

    public Task SetDeviceTokenAsync(string productKey, string deviceName, string token, string clientId) => _writer.RunAsync(s => s.Execute(
        "UPDATE devices SET device_token=$token, token_client_id=$cid WHERE product_key=$pk AND device_name=$dn",
        ("$pk", productKey), ("$dn", deviceName), ("$token", token), ("$cid", clientId)));

    // ---------------------------------------------------------------- properties and events

    public Task SavePropertiesAsync(string productKey, string deviceName, IReadOnlyList<PropertyValue> values) =>
        _writer.RunAsync(s => InsertProperties(s, productKey, deviceName, values));

    /// <summary>
    /// Property values and events of one batch or history post in one transaction, each with its own time. The latest value of
    /// a property changes only for a value at least as new as the stored one. (<see cref="EventRecord.Id"/> is not used.)
    /// </summary>
    public Task SaveTimedDataAsync(string productKey, string deviceName, IReadOnlyList<PropertyValue> values, IReadOnlyList<EventRecord> events) =>
        _writer.RunAsync(s =>
        {
            InsertProperties(s, productKey, deviceName, values);
            foreach (EventRecord e in events) InsertEvent(s, productKey, deviceName, e.Identifier, e.EventType, e.OutputJson, e.TimeMs);
        });

    static void InsertProperties(SqlSession s, string productKey, string deviceName, IReadOnlyList<PropertyValue> values)
    {
        foreach (PropertyValue v in values)
        {
            s.Execute("INSERT INTO property_latest VALUES ($pk, $dn, $id, $v, $t) ON CONFLICT (product_key, device_name, identifier) " +
                      "DO UPDATE SET value_json=excluded.value_json, time_ms=excluded.time_ms WHERE excluded.time_ms >= property_latest.time_ms",
                ("$pk", productKey), ("$dn", deviceName), ("$id", v.Identifier), ("$v", v.ValueJson), ("$t", v.TimeMs));
            s.Execute("INSERT INTO property_history (product_key, device_name, identifier, value_json, time_ms) VALUES ($pk, $dn, $id, $v, $t)",
                ("$pk", productKey), ("$dn", deviceName), ("$id", v.Identifier), ("$v", v.ValueJson), ("$t", v.TimeMs));
        }
    }

    public List<PropertyValue> GetLatestProperties(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT identifier, value_json, time_ms FROM property_latest WHERE product_key=$pk AND device_name=$dn ORDER BY identifier",
        r => new PropertyValue(r.GetString(0), r.GetString(1), r.GetInt64(2)), ("$pk", productKey), ("$dn", deviceName)));

    public List<PropertyValue> GetPropertyHistory(string productKey, string deviceName, string identifier, long startMs, long endMs, int limit, bool ascending) =>
        ReadWith(s => s.Query(
            "SELECT identifier, value_json, time_ms FROM property_history WHERE product_key=$pk AND device_name=$dn AND identifier=$id " +
            "AND time_ms >= $start AND time_ms <= $end ORDER BY time_ms " + (ascending ? "ASC, id ASC" : "DESC, id DESC") + " LIMIT $limit",
            r => new PropertyValue(r.GetString(0), r.GetString(1), r.GetInt64(2)),
            ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$start", startMs), ("$end", endMs), ("$limit", limit)));

    public long CountPropertyHistory() => ReadWith(s => (long)s.Scalar("SELECT COUNT(*) FROM property_history")!);

    public Task SaveEventAsync(string productKey, string deviceName, string identifier, string eventType, string outputJson, long timeMs) =>
        _writer.RunAsync(s => InsertEvent(s, productKey, deviceName, identifier, eventType, outputJson, timeMs));

    static void InsertEvent(SqlSession s, string productKey, string deviceName, string identifier, string eventType, string outputJson, long timeMs) =>
        s.Execute("INSERT INTO events (product_key, device_name, identifier, event_type, output_json, time_ms) VALUES ($pk, $dn, $id, $type, $out, $t)",
            ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$type", eventType), ("$out", outputJson), ("$t", timeMs));

    public List<EventRecord> QueryEvents(string productKey, string deviceName, string? identifier, long startMs, long endMs, int limit, bool ascending) =>
        ReadWith(s => s.Query(
            "SELECT id, identifier, event_type, output_json, time_ms FROM events WHERE product_key=$pk AND device_name=$dn " +
            "AND ($id IS NULL OR identifier=$id) AND time_ms >= $start AND time_ms <= $end ORDER BY time_ms " +
            (ascending ? "ASC, id ASC" : "DESC, id DESC") + " LIMIT $limit",
            r => new EventRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)),
            ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$start", startMs), ("$end", endMs), ("$limit", limit)));

    // ---------------------------------------------------------------- tags

    public Task UpsertTagsAsync(string productKey, string deviceName, IReadOnlyList<KeyValuePair<string, string>> tags) => _writer.RunAsync(s =>
    {
        foreach (KeyValuePair<string, string> tag in tags)
            s.Execute("INSERT INTO tags VALUES ($pk, $dn, $k, $v) ON CONFLICT (product_key, device_name, attr_key) DO UPDATE SET attr_value=excluded.attr_value",
                ("$pk", productKey), ("$dn", deviceName), ("$k", tag.Key), ("$v", tag.Value));
    });

    public Task DeleteTagsAsync(string productKey, string deviceName, IReadOnlyList<string> keys) => _writer.RunAsync(s =>
    {
        foreach (string key in keys)
            s.Execute("DELETE FROM tags WHERE product_key=$pk AND device_name=$dn AND attr_key=$k", ("$pk", productKey), ("$dn", deviceName), ("$k", key));
    });

    public List<KeyValuePair<string, string>> GetTags(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT attr_key, attr_value FROM tags WHERE product_key=$pk AND device_name=$dn ORDER BY attr_key",
        r => new KeyValuePair<string, string>(r.GetString(0), r.GetString(1)), ("$pk", productKey), ("$dn", deviceName)));

    // ---------------------------------------------------------------- shadows

    public ShadowRecord? GetShadow(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT version, document_json, updated_ms FROM shadows WHERE product_key=$pk AND device_name=$dn",
        r => new ShadowRecord(r.GetInt64(0), r.GetString(1), r.GetInt64(2)), ("$pk", productKey), ("$dn", deviceName)).FirstOrDefault());

    /// <summary>
    /// Read-modify-write of a shadow inside the writer, so concurrent updates (device and cloud) apply one after
    /// the other. <paramref name="update"/> gets the current shadow (null if none) and returns the new one, or null to
    /// leave it unchanged; its result is returned.
    /// </summary>
    public Task<TResult> UpdateShadowAsync<TResult>(string productKey, string deviceName, Func<ShadowRecord?, (ShadowRecord? NewShadow, TResult Result)> update) =>
        _writer.RunAsync(s =>
        {
            ShadowRecord? current = s.Query("SELECT version, document_json, updated_ms FROM shadows WHERE product_key=$pk AND device_name=$dn",
                r => new ShadowRecord(r.GetInt64(0), r.GetString(1), r.GetInt64(2)), ("$pk", productKey), ("$dn", deviceName)).FirstOrDefault();
            (ShadowRecord? next, TResult result) = update(current);
            if (next != null)
                s.Execute("INSERT INTO shadows VALUES ($pk, $dn, $v, $doc, $t) ON CONFLICT (product_key, device_name) " +
                          "DO UPDATE SET version=excluded.version, document_json=excluded.document_json, updated_ms=excluded.updated_ms",
                    ("$pk", productKey), ("$dn", deviceName), ("$v", next.Version), ("$doc", next.DocumentJson), ("$t", next.UpdatedMs));
            return result;
        });

    // ---------------------------------------------------------------- uplinks

    public Task SaveUplinkAsync(string? productKey, string? deviceName, string topic, byte[] payload, long timeMs) => _writer.RunAsync(s => s.Execute(
        "INSERT INTO uplinks (product_key, device_name, topic, payload, time_ms) VALUES ($pk, $dn, $topic, $payload, $t)",
        ("$pk", productKey), ("$dn", deviceName), ("$topic", topic), ("$payload", payload), ("$t", timeMs)));

    public List<UplinkRecord> QueryUplinks(string productKey, string deviceName, int limit) => ReadWith(s => s.Query(
        "SELECT id, topic, payload, time_ms FROM uplinks WHERE product_key=$pk AND device_name=$dn ORDER BY id DESC LIMIT $limit",
        r => new UplinkRecord(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), r.GetInt64(3)),
        ("$pk", productKey), ("$dn", deviceName), ("$limit", limit)));

    // ---------------------------------------------------------------- service calls

    public Task SaveServiceCallAsync(string productKey, string deviceName, ServiceCallRecord call) => _writer.RunAsync(s => s.Execute(
        "INSERT OR REPLACE INTO service_calls VALUES ($pk, $dn, $mid, $id, $type, $params, $code, $data, $created, $replied)",
        ("$pk", productKey), ("$dn", deviceName), ("$mid", call.MessageId), ("$id", call.Identifier), ("$type", call.CallType),
        ("$params", call.ParamsJson), ("$code", call.ReplyCode), ("$data", call.ReplyDataJson), ("$created", call.CreatedMs),
        ("$replied", call.RepliedMs)));

    /// <summary>Records a device's reply; returns false when no call with that id is waiting for one.</summary>
    public Task<bool> SaveServiceReplyAsync(string productKey, string deviceName, string messageId, int code, string dataJson, long nowMs) =>
        _writer.RunAsync(s => s.Execute(
            "UPDATE service_calls SET reply_code=$code, reply_data_json=$data, replied_ms=$now " +
            "WHERE product_key=$pk AND device_name=$dn AND message_id=$mid AND reply_code IS NULL",
            ("$pk", productKey), ("$dn", deviceName), ("$mid", messageId), ("$code", code), ("$data", dataJson), ("$now", nowMs)) == 1);

    public List<ServiceCallRecord> QueryServiceCalls(string productKey, string deviceName, string? identifier, int limit) => ReadWith(s => s.Query(
        "SELECT message_id, identifier, call_type, params_json, reply_code, reply_data_json, created_ms, replied_ms FROM service_calls " +
        "WHERE product_key=$pk AND device_name=$dn AND ($id IS NULL OR identifier=$id) ORDER BY created_ms DESC, rowid DESC LIMIT $limit",
        r => new ServiceCallRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableInt32(4),
            r.NullableString(5), r.GetInt64(6), r.NullableInt64(7)),
        ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$limit", limit)));

    // ---------------------------------------------------------------- settings

    public string? GetSetting(string key) => ReadWith(s => (string?)s.Scalar("SELECT value FROM settings WHERE key=$k", ("$k", key)));

    public Task SetSettingAsync(string key, string value) => _writer.RunAsync(s => s.Execute(
        "INSERT INTO settings VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value=excluded.value", ("$k", key), ("$v", value)));

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
