using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// The OTA messages a device sends, written into a caller's buffer:
    /// <code>
    /// /ota/device/inform/{pk}/{dn}            {"id":"1","params":{"version":"1.0.0","module":"default"}}
    /// /ota/device/progress/{pk}/{dn}          {"id":"2","params":{"step":"45","desc":"downloading","module":"default"}}
    /// /sys/{pk}/{dn}/thing/ota/firmware/get   {"id":"3","version":"1.0","params":{"module":"mcu"},"method":"thing.ota.firmware.get"}
    /// /sys/{pk}/{dn}/thing/config/get         {"id":"4","version":"1.0","params":{"configScope":"product","getType":"file"},"method":"thing.config.get"}
    /// /sys/{pk}/{dn}/thing/config/push_reply  {"id":"…","code":200,"data":{}}
    /// </code>
    /// The step is a string, as the platform's documentation and the C SDK write it: 0..100 percent, or
    /// <see cref="OtaStep"/>'s failures. A query without a module asks for the default one (<c>"params":{}</c>).
    /// </summary>
    internal static class OtaMessages
    {
        public static string InformTopic(string productKey, string deviceName)
        {
            return "/ota/device/inform/" + productKey + "/" + deviceName;
        }

        public static string ProgressTopic(string productKey, string deviceName)
        {
            return "/ota/device/progress/" + productKey + "/" + deviceName;
        }

        public static string UpgradeTopic(string productKey, string deviceName)
        {
            return "/ota/device/upgrade/" + productKey + "/" + deviceName;
        }

        public static string FirmwareGetTopic(string productKey, string deviceName)
        {
            return "/sys/" + productKey + "/" + deviceName + "/thing/ota/firmware/get";
        }

        public static string ConfigGetTopic(string productKey, string deviceName)
        {
            return "/sys/" + productKey + "/" + deviceName + "/thing/config/get";
        }

        public static string ConfigPushTopic(string productKey, string deviceName)
        {
            return "/sys/" + productKey + "/" + deviceName + "/thing/config/push";
        }

        /// <returns>The payload's length; a negative <see cref="ErrorCode"/> when it does not fit.</returns>
        public static int WriteInform(JsonWriter w, byte[] buffer, byte[] scratch, long id, string version, string module)
        {
            Begin(w, buffer, scratch, id);
            w.WritePropertyName("params");
            w.WriteStartObject();
            w.WriteString("version", version);
            w.WriteString("module", module);
            w.WriteEndObject();
            return End(w);
        }

        public static int WriteProgress(JsonWriter w, byte[] buffer, byte[] scratch, long id, int step, string desc, string module)
        {
            Begin(w, buffer, scratch, id);
            w.WritePropertyName("params");
            w.WriteStartObject();
            w.WritePropertyName("step");
            int n = NumberFormatter.WriteInt32(step, scratch, 0, scratch.Length);
            w.WriteString(scratch, 0, n);
            w.WriteString("desc", desc);
            w.WriteString("module", module);
            w.WriteEndObject();
            return End(w);
        }

        public static int WriteFirmwareGet(JsonWriter w, byte[] buffer, byte[] scratch, long id, string module)
        {
            Begin(w, buffer, scratch, id);
            w.WriteString("version", "1.0");
            w.WritePropertyName("params");
            w.WriteStartObject();
            if (module != null) w.WriteString("module", module);
            w.WriteEndObject();
            w.WriteString("method", "thing.ota.firmware.get");
            return End(w);
        }

        public static int WriteConfigGet(JsonWriter w, byte[] buffer, byte[] scratch, long id)
        {
            Begin(w, buffer, scratch, id);
            w.WriteString("version", "1.0");
            w.WritePropertyName("params");
            w.WriteStartObject();
            w.WriteString("configScope", "product");
            w.WriteString("getType", "file");
            w.WriteEndObject();
            w.WriteString("method", "thing.config.get");
            return End(w);
        }

        /// <summary>The acknowledgement of a configuration push: its id (as it came), 200, empty data.</summary>
        public static int WriteConfigPushReply(JsonWriter w, byte[] buffer, byte[] id, int idLength)
        {
            w.Reset(buffer, 0, buffer.Length);
            w.WriteStartObject();
            w.WritePropertyName("id");
            w.WriteString(id, 0, idLength);
            w.WriteNumber("code", 200);
            w.WritePropertyName("data");
            w.WriteStartObject();
            w.WriteEndObject();
            return End(w);
        }

        private static void Begin(JsonWriter w, byte[] buffer, byte[] scratch, long id)
        {
            w.Reset(buffer, 0, buffer.Length);
            w.WriteStartObject();
            w.WritePropertyName("id");
            int n = NumberFormatter.WriteInt64(id, scratch, 0, scratch.Length);
            w.WriteString(scratch, 0, n);
        }

        private static int End(JsonWriter w)
        {
            w.WriteEndObject();
            return w.Error != ErrorCode.Ok ? w.Error : w.Length;
        }
    }
}
