using System.Text;
using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator.RemoteConfig;

/// <summary>
/// The remote configuration messages the cloud writes (docs/protocol.md, Remote configuration): the <c>data</c> of a
/// config/get reply, which a push carries as its <c>params</c>, and the push itself, with keys in the order of the
/// platform's documented samples.
/// </summary>
public static class ConfigMessages
{
    /// <summary>What <c>signMethod</c> says on the wire: the sign is a SHA-256 digest.</summary>
    public const string WireSignMethod = "Sha256";

    /// <summary>
    /// <c>{"configId","configSize","sign","signMethod":"Sha256","url","getType":"file"}</c>; the sign is the lower-case hex
    /// SHA-256 of the file.
    /// </summary>
    public static string Data(ProductConfig config, string url) => Encoding.UTF8.GetString(AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("configId", config.ConfigId);
        w.WriteNumber("configSize", config.Size);
        w.WriteString("sign", config.Sha256);
        w.WriteString("signMethod", WireSignMethod);
        w.WriteString("url", url);
        w.WriteString("getType", "file");
        w.WriteEndObject();
    }));

    /// <summary>The push on <c>/sys/{pk}/{dn}/thing/config/push</c>: <c>{"id":"…","version":"1.0","params":{…},"method":"thing.config.push"}</c>.</summary>
    public static byte[] Push(string id, string dataJson) => AlinkJson.Push("thing.config.push", id, dataJson);
}
