using System;
using System.IO;
using LinkKit.Nano;
using LinkKit.Nano.Json;

namespace LinkKit.Esp32Sample
{
    /// <summary>
    /// The board's settings, read once at boot from <c>I:\settings.json</c> (deployed by tools/flash next to the
    /// secret store). Parsed with the SDK's own <see cref="JsonReader"/>: no reflection JSON package on the device.
    /// </summary>
    /// <remarks>
    /// Every member is optional; unknown members are skipped. The Wi-Fi password and the product secret are never
    /// logged. Example: settings.example.json.
    /// </remarks>
    internal sealed class DeviceSettings
    {
        /// <summary>Where tools/flash deploys the file.</summary>
        public const string DefaultPath = "I:\\settings.json";

        /// <summary>The Wi-Fi network; empty: reconnect with the credentials stored in the config block.</summary>
        public string WifiSsid = "";

        /// <summary>The Wi-Fi password (never logged).</summary>
        public string WifiPassword = "";

        /// <summary>Region id, e.g. "cn-shanghai".</summary>
        public string Region = "cn-shanghai";

        /// <summary>Enterprise instance id, or null for the public instance.</summary>
        public string InstanceId;

        /// <summary>Dynamic registration only (used when the secret store is empty): the product key.</summary>
        public string ProductKey;

        /// <summary>Dynamic registration only: this device's name (pre-registered in the console).</summary>
        public string DeviceName;

        /// <summary>Dynamic registration only: the product secret (never logged).</summary>
        public string ProductSecret;

        /// <summary>The GPIO driving the LED (2 on most ESP32 DevKit boards); -1 for none.</summary>
        public int LedPin = 2;

        /// <summary>Seconds between periodic property posts.</summary>
        public int PostIntervalSeconds = 60;

        /// <summary>Seconds between free-memory log lines.</summary>
        public int MemoryLogIntervalSeconds = 300;

        /// <summary>True when the product secret, product key and device name for dynamic registration are all set.</summary>
        public bool CanRegister
        {
            get { return IsSet(ProductSecret) && IsSet(ProductKey) && IsSet(DeviceName); }
        }

        /// <summary>Reads the settings; a missing file gives the defaults.</summary>
        /// <returns>The settings, or null when the file exists but is not valid (see <paramref name="error"/>).</returns>
        public static DeviceSettings Load(string path, out string error)
        {
            error = null;
            DeviceSettings settings = new DeviceSettings();
            byte[] json;
            try
            {
                if (!File.Exists(path)) return settings;
                json = File.ReadAllBytes(path);
            }
            catch (Exception e)
            {
                error = "cannot read " + path + ": " + e.Message;
                return null;
            }

            JsonReader r = new JsonReader();
            r.Reset(json, 0, json.Length);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                error = path + " is not a JSON object";
                return null;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool ok;
                if (r.ValueEquals("wifiSsid")) ok = ReadString(r, ref settings.WifiSsid);
                else if (r.ValueEquals("wifiPassword")) ok = ReadString(r, ref settings.WifiPassword);
                else if (r.ValueEquals("region")) ok = ReadString(r, ref settings.Region);
                else if (r.ValueEquals("instanceId")) ok = ReadString(r, ref settings.InstanceId);
                else if (r.ValueEquals("productKey")) ok = ReadString(r, ref settings.ProductKey);
                else if (r.ValueEquals("deviceName")) ok = ReadString(r, ref settings.DeviceName);
                else if (r.ValueEquals("productSecret")) ok = ReadString(r, ref settings.ProductSecret);
                else if (r.ValueEquals("ledPin")) ok = ReadInt(r, -1, 63, ref settings.LedPin);
                else if (r.ValueEquals("postIntervalSeconds")) ok = ReadInt(r, 5, 86400, ref settings.PostIntervalSeconds);
                else if (r.ValueEquals("memoryLogIntervalSeconds")) ok = ReadInt(r, 10, 86400, ref settings.MemoryLogIntervalSeconds);
                else ok = r.Skip();   // an unknown member: skip its value

                if (!ok)
                {
                    // Names only: a value may be a password.
                    error = path + ": bad value for a member before byte " + r.ErrorOffset.ToString();
                    return null;
                }
            }

            if (r.Error != ErrorCode.Ok || r.TokenType != JsonTokenType.EndObject)
            {
                error = path + ": malformed JSON at byte " + r.ErrorOffset.ToString();
                return null;
            }

            if (!IsSet(settings.Region))
            {
                error = path + ": region is empty";
                return null;
            }

            return settings;
        }

        private static bool ReadString(JsonReader r, ref string field)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.Null) return true;
            if (r.TokenType != JsonTokenType.String) return false;
            field = r.GetString();
            return true;
        }

        private static bool ReadInt(JsonReader r, int min, int max, ref int field)
        {
            int value;
            if (!r.Read() || r.TryGetInt32(out value) != ErrorCode.Ok || value < min || value > max) return false;
            field = value;
            return true;
        }

        private static bool IsSet(string s)
        {
            return s != null && s.Length > 0;
        }
    }
}
