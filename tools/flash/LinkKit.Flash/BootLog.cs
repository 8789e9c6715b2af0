using System.Text;
using System.Text.RegularExpressions;

namespace LinkKit.Flash
{
    /// <summary>
    /// The read-back check: what a flashed board printed when it booted. The sample firmware (samples/esp32) prints
    /// <c>identity from the secret store: SecretRecord(DeviceSecret, productKey=PK, deviceName=DN, sequence=2)</c>
    /// (SecretRecord.ToString, which never shows the secret) after loading I:\linkkit_a.bin / linkkit_b.bin, so the
    /// line proves the board reads back the identity the ledger gave it. The capture may be raw serial bytes (the
    /// wire protocol frames the text): it is searched byte for byte, and the last such line counts (the latest boot).
    /// </summary>
    public static class BootLog
    {
        private static readonly Regex s_identity = new Regex(@"SecretRecord\((\w+), productKey=([^,\s)]*), deviceName=([^,\s)]*),", RegexOptions.CultureInvariant);

        /// <summary>Null if the last identity line names exactly this device-secret identity, else what is wrong (no secret in it).</summary>
        public static string Problem(byte[] log, string productKey, string deviceName)
        {
            MatchCollection found = s_identity.Matches(Encoding.Latin1.GetString(log));
            if (found.Count == 0) return "holds no identity line (SecretRecord(DeviceSecret, productKey=..., deviceName=...), printed by the firmware at boot)";
            Match last = found[found.Count - 1];
            string kind = last.Groups[1].Value, pk = last.Groups[2].Value, dn = last.Groups[3].Value;
            if (kind == "DeviceSecret" && pk == productKey && dn == deviceName) return null;
            return "shows " + pk + "/" + dn + (kind == "DeviceSecret" ? "" : " (" + kind + ")") + ", but the ledger gave the board " + productKey + "/" + deviceName;
        }
    }
}
