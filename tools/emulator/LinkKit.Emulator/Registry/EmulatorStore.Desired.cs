namespace LinkKit.Emulator.Registry;

// Desired property values (docs/protocol.md, Desired properties): per device and identifier the value the cloud wants (null once
// cleared or deleted) and its version, which every set raises by one.
public sealed partial class EmulatorStore
{
    const string DesiredSchema = """
        CREATE TABLE IF NOT EXISTS desired_properties (
            product_key TEXT NOT NULL, device_name TEXT NOT NULL, identifier TEXT NOT NULL, value_json TEXT, version INTEGER NOT NULL,
            time_ms INTEGER NOT NULL, PRIMARY KEY (product_key, device_name, identifier));
        """;

    /// <summary>Every identifier that has had a desired value, cleared ones included (their version counts on), by identifier.</summary>
    public List<DesiredProperty> GetDesired(string productKey, string deviceName) => ReadWith(s => s.Query(
        "SELECT identifier, value_json, version, time_ms FROM desired_properties WHERE product_key=$pk AND device_name=$dn ORDER BY identifier",
        r => new DesiredProperty(r.GetString(0), r.NullableString(1), r.GetInt64(2), r.GetInt64(3)), ("$pk", productKey), ("$dn", deviceName)));

    /// <summary>
    /// Sets desired values (JSON, or null to clear one) when every version in <paramref name="expected"/> is the identifier's current
    /// one (0 before its first set); each set value's version goes up by one. Checked and written in one step of the writer, so two
    /// sets cannot both pass the same version. Returns the new versions, or the current ones (nothing changed) on a mismatch.
    /// </summary>
    public Task<(bool Applied, Dictionary<string, long> Versions)> SetDesiredAsync(string productKey, string deviceName,
        IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyDictionary<string, long> expected, long nowMs) => _writer.RunAsync(s =>
    {
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((string identifier, _) in values)
            current[identifier] = (long?)s.Scalar("SELECT version FROM desired_properties WHERE product_key=$pk AND device_name=$dn AND identifier=$id",
                ("$pk", productKey), ("$dn", deviceName), ("$id", identifier)) ?? 0;
        if (expected.Any(e => current[e.Key] != e.Value)) return (false, current);
        foreach ((string identifier, string? valueJson) in values)
            s.Execute("INSERT INTO desired_properties VALUES ($pk, $dn, $id, $v, $version, $t) ON CONFLICT (product_key, device_name, identifier) " +
                      "DO UPDATE SET value_json=excluded.value_json, version=excluded.version, time_ms=excluded.time_ms",
                ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$v", valueJson), ("$version", ++current[identifier]), ("$t", nowMs));
        return (true, current);
    });

    /// <summary>
    /// A device's delete: clears each named desired value, unless a version is given that is not the current one. Versions stay:
    /// only sets raise them.
    /// </summary>
    public Task DeleteDesiredAsync(string productKey, string deviceName, IReadOnlyList<KeyValuePair<string, long?>> deletes, long nowMs) =>
        _writer.RunAsync(s =>
        {
            foreach ((string identifier, long? version) in deletes)
                s.Execute("UPDATE desired_properties SET value_json=NULL, time_ms=$t " +
                          "WHERE product_key=$pk AND device_name=$dn AND identifier=$id AND value_json IS NOT NULL AND ($v IS NULL OR version=$v)",
                    ("$pk", productKey), ("$dn", deviceName), ("$id", identifier), ("$v", version), ("$t", nowMs));
        });
}
