namespace LinkKit.Nano
{
    /// <summary>How the MQTT password is signed with the device secret.</summary>
    public enum SignMethod
    {
        /// <summary>
        /// HMAC-SHA256 over the Link SDK C 4.x fixed timestamp 2524608000000: the credentials never change and
        /// connecting needs no clock (an ESP32 has no RTC). The default.
        /// </summary>
        HmacSha256 = 0,

        /// <summary>HMAC-SHA1 over the current Unix time in seconds, as the Python SDK does. Needs a set clock.</summary>
        HmacSha1 = 1,
    }
}
