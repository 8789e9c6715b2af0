using LinkKit.Emulator.Auth;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.Broker;

/// <summary>
/// Which topics a device may subscribe to and publish on (docs/protocol.md, Limits and subscriptions): its own system
/// topics, and the custom topics <c>/{pk}/{dn}/user/…</c> its product has a topic class for, with that class's
/// permission (SUB, PUB or ALL).
/// </summary>
public sealed class TopicPermissions(Func<string, Product?> products)
{
    public bool MaySubscribe(DeviceSession session, string filter)
    {
        if (session.IsRegistration) return filter is "/ext/register" or "/ext/regnwl";
        if (filter.StartsWith("/ext/rrpc/+/", StringComparison.Ordinal)) filter = filter["/ext/rrpc/+".Length..];
        string pk = session.ProductKey, dn = session.DeviceName;
        if (IsCustom(filter, session)) return ClassAllows(filter, session, c => c.DevicesMaySubscribe);
        return Within(filter, $"/sys/{pk}/{dn}") ||
               Within(filter, $"/ext/session/{pk}/{dn}") ||
               Within(filter, $"/ext/ntp/{pk}/{dn}") ||
               filter == $"/shadow/get/{pk}/{dn}" ||
               filter == $"/ota/device/upgrade/{pk}/{dn}" ||
               filter == $"/ext/error/{pk}/{dn}" ||
               Within(filter, $"/broadcast/{pk}");
    }

    public bool MayPublish(DeviceSession session, string topic)
    {
        if (session.IsRegistration) return false;
        string pk = session.ProductKey, dn = session.DeviceName;
        if (RrpcReplyTarget(topic) is string answered)
            return IsSystem(answered, session) || IsCustom(answered, session) && ClassAllows(answered, session, c => c.DevicesMaySubscribe);
        if (IsCustom(topic, session)) return ClassAllows(topic, session, c => c.DevicesMayPublish);
        // The system topics first: nearly every uplink is one, and the session's prefix costs no string per message.
        return IsSystem(topic, session) ||
               Within(topic, $"/ext/session/{pk}/{dn}") ||
               topic == $"/shadow/update/{pk}/{dn}" ||
               topic == $"/ext/ntp/{pk}/{dn}/request" ||
               topic == $"/ota/device/inform/{pk}/{dn}" ||
               topic == $"/ota/device/progress/{pk}/{dn}";
    }

    /// <summary>True unless <paramref name="topic"/> is a custom topic no device may subscribe to (the cloud's Pub checks it).</summary>
    public static bool DevicesMayReceive(Product product, string topic)
    {
        string prefix = "/" + product.ProductKey + "/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal)) return true;
        int end = topic.IndexOf('/', prefix.Length);
        return end > prefix.Length && ClassAllows(product, topic, topic[prefix.Length..end], c => c.DevicesMaySubscribe);
    }

    // An RRPC reply goes to /ext/rrpc/{messageId}{the topic the request came on}.
    static string? RrpcReplyTarget(string topic)
    {
        if (!topic.StartsWith("/ext/rrpc/", StringComparison.Ordinal)) return null;
        int end = topic.IndexOf('/', "/ext/rrpc/".Length);
        return end < 0 ? "" : topic[end..];
    }

    static bool IsCustom(string topic, DeviceSession session) => topic.StartsWith(session.CustomPrefix, StringComparison.Ordinal);

    // Below /sys/{pk}/{dn}/ (as Within it).
    static bool IsSystem(string topic, DeviceSession session) =>
        topic.StartsWith(session.SysPrefix, StringComparison.Ordinal) && topic.Length > session.SysPrefix.Length;

    bool ClassAllows(string topic, DeviceSession session, Func<TopicClass, bool> permission) =>
        products(session.ProductKey) is Product product && ClassAllows(product, topic, session.DeviceName, permission);

    // The filter or topic must lie inside one class (every topic it can match is one the class names).
    static bool ClassAllows(Product product, string topic, string deviceName, Func<TopicClass, bool> permission)
    {
        string[] levels = topic[$"/{product.ProductKey}/{deviceName}/".Length..].Split('/');
        if (levels.Length < 2 || levels[0] != "user") return false;
        foreach (TopicClass topicClass in product.TopicClasses)
            if (permission(topicClass) && Covers(topicClass.ShortName.Split('/'), levels.AsSpan(1)))
                return true;
        return false;
    }

    static bool Covers(string[] pattern, ReadOnlySpan<string> levels)
    {
        for (int i = 0; ; i++)
        {
            if (i == pattern.Length) return i == levels.Length;
            if (pattern[i] == "#") return true;
            if (i == levels.Length || levels[i] == "#" || (pattern[i] != "+" && pattern[i] != levels[i])) return false;
        }
    }

    // The filter is the prefix itself or below it; wildcards may appear only after the prefix.
    static bool Within(string filter, string prefix) =>
        filter.StartsWith(prefix + "/", StringComparison.Ordinal) && filter.Length > prefix.Length + 1;
}
