using System.Text;
using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator.Ota;

/// <summary>
/// The OTA messages the cloud writes (docs/protocol.md, OTA): the upgrade push and the <c>data</c> object it shares with the
/// firmware/get reply, with keys in the order below.
/// </summary>
public static class UpgradeMessages
{
    /// <summary>The push on <c>/ota/device/upgrade/{pk}/{dn}</c>: <c>{"code":"1000","data":{…},"id":123,"message":"success"}</c>.</summary>
    public static byte[] Push(long id, string dataJson) => AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("code", "1000");
        w.WritePropertyName("data");
        w.WriteRawValue(dataJson);
        w.WriteNumber("id", id);
        w.WriteString("message", "success");
        w.WriteEndObject();
    });

    /// <summary>
    /// One file: <c>{"size","sign","version","isDiff","url","signMethod","md5" (MD5 only),"module","extData" (when any)}</c>.
    /// Several files: <c>{"version","isDiff","signMethod","files":[{"fileName","fileSize","fileUrl","fileSign"}],"module","extData"}</c>,
    /// with no top-level size, sign or url (a device that reads those would install the first file alone).
    /// <paramref name="urls"/> holds one signed URL per file; <paramref name="tags"/> and the firmware's Udi (as <c>_package_udi</c>) make extData.
    /// </summary>
    public static string Data(OtaFirmware firmware, IReadOnlyList<string> urls, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Encoding.UTF8.GetString(AlinkJson.Write(w =>
        {
            string signMethod = firmware.SignMethod;
            w.WriteStartObject();
            if (firmware.Files.Count == 1)
            {
                OtaFile file = firmware.Files[0];
                w.WriteNumber("size", file.Size);
                w.WriteString("sign", file.Sign(signMethod));
                w.WriteString("version", firmware.DestVersion);
                w.WriteNumber("isDiff", firmware.Type);
                w.WriteString("url", urls[0]);
                w.WriteString("signMethod", OtaSignMethod.WireName(signMethod));
                if (signMethod == OtaSignMethod.Md5) w.WriteString("md5", file.Md5);
            }
            else
            {
                w.WriteString("version", firmware.DestVersion);
                w.WriteNumber("isDiff", firmware.Type);
                w.WriteString("signMethod", OtaSignMethod.WireName(signMethod));
                w.WriteStartArray("files");
                for (int i = 0; i < firmware.Files.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("fileName", firmware.Files[i].Name);
                    w.WriteNumber("fileSize", firmware.Files[i].Size);
                    w.WriteString("fileUrl", urls[i]);
                    w.WriteString("fileSign", firmware.Files[i].Sign(signMethod));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteString("module", firmware.ModuleName);
            if (tags.Count > 0 || firmware.Udi != null)
            {
                w.WriteStartObject("extData");
                foreach (KeyValuePair<string, string> tag in tags) w.WriteString(tag.Key, tag.Value);
                if (firmware.Udi != null) w.WriteString("_package_udi", firmware.Udi);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }));
}
