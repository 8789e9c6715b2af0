namespace LinkKit.Emulator.Broker;

/// <summary>Finds the device a downlink topic belongs to, as the <c>{productKey}/{deviceName}</c> part of the topic itself.</summary>
public static class DeviceTopics
{
    // Topics whose device follows a fixed prefix: /sys/{pk}/{dn}/…, /shadow/get/{pk}/{dn}, …
    static readonly string[] Prefixes = ["/sys/", "/shadow/get/", "/ota/device/upgrade/", "/ext/ntp/", "/ext/session/", "/ext/error/"];

    /// <summary>
    /// The <c>{pk}/{dn}</c> span of a device's own topic (system, shadow, OTA, NTP, session, error, RRPC and custom
    /// <c>/{pk}/{dn}/…</c> topics); false for anything else. The caller still checks that such a device exists.
    /// </summary>
    public static bool TryGetDeviceKey(string topic, out ReadOnlySpan<char> key)
    {
        ReadOnlySpan<char> rest = topic;
        if (rest.StartsWith("/ext/rrpc/"))
        {
            // /ext/rrpc/{messageId}/sys/{pk}/{dn}/… or /ext/rrpc/{messageId}/{pk}/{dn}/…
            rest = rest["/ext/rrpc/".Length..];
            int slash = rest.IndexOf('/');
            if (slash <= 0) return Fail(out key);
            rest = rest[slash..];
            if (rest.StartsWith("/sys/")) rest = rest["/sys".Length..];
        }
        else
        {
            foreach (string prefix in Prefixes)
            {
                if (rest.StartsWith(prefix))
                {
                    rest = rest[(prefix.Length - 1)..];
                    break;
                }
            }
        }
        // rest is now "/{pk}/{dn}" or "/{pk}/{dn}/…"
        if (rest.Length < 4 || rest[0] != '/') return Fail(out key);
        int first = rest[1..].IndexOf('/');
        if (first <= 0) return Fail(out key);
        int second = rest[(first + 2)..].IndexOf('/');
        int end = second < 0 ? rest.Length : first + 2 + second;
        if (end <= first + 2) return Fail(out key);
        key = rest[1..end];
        return true;
    }

    static bool Fail(out ReadOnlySpan<char> key)
    {
        key = default;
        return false;
    }
}
