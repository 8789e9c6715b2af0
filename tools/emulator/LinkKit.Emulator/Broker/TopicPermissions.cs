using LinkKit.Emulator.Auth;

namespace LinkKit.Emulator.Broker;

/// <summary>Which topic filters a device may subscribe to: only its own topics (docs/protocol.md, Limits and subscriptions).</summary>
public static class TopicPermissions
{
    public static bool MaySubscribe(DeviceSession session, string filter)
    {
        if (session.IsRegistration) return filter is "/ext/register" or "/ext/regnwl";
        if (filter.StartsWith("/ext/rrpc/+/", StringComparison.Ordinal)) filter = filter["/ext/rrpc/+".Length..];
        string pk = session.ProductKey, dn = session.DeviceName;
        return Within(filter, $"/sys/{pk}/{dn}") ||
               Within(filter, $"/{pk}/{dn}") ||
               Within(filter, $"/ext/session/{pk}/{dn}") ||
               Within(filter, $"/ext/ntp/{pk}/{dn}") ||
               filter == $"/shadow/get/{pk}/{dn}" ||
               filter == $"/ota/device/upgrade/{pk}/{dn}" ||
               filter == $"/ext/error/{pk}/{dn}" ||
               Within(filter, $"/broadcast/{pk}");
    }

    // The filter is the prefix itself or below it; wildcards may appear only after the prefix.
    static bool Within(string filter, string prefix) =>
        filter.StartsWith(prefix + "/", StringComparison.Ordinal) && filter.Length > prefix.Length + 1;
}
