namespace LinkKit.Flash
{
    /// <summary>
    /// The platform's rules for the three parts of a device identity, shared by <c>provision</c> (one device from
    /// flags) and <c>provision-batch</c> (the console's CSV). Each check returns null when the value is acceptable,
    /// else the problem as a predicate ("must be 4-32 characters") that the caller puts after its own subject
    /// ("--device-name", "row 5: DeviceName"). A problem never quotes the value: in a shifted CSV row the value in
    /// the DeviceName column can be a secret.
    /// </summary>
    public static class IdentityRules
    {
        /// <summary>Product keys are 11 characters today; leave room, but refuse nonsense.</summary>
        public const int MaxProductKeyLength = 64;

        /// <summary>The platform's device-name rule: 4–32 letters, digits, '-', '_', '.', '@', ':'.</summary>
        public const int MinDeviceNameLength = 4;
        public const int MaxDeviceNameLength = 32;

        /// <summary>Device secrets are 32 hex characters today.</summary>
        public const int MaxDeviceSecretLength = 128;

        public static string ProductKeyProblem(string pk)
        {
            if (pk.Length == 0 || pk.Length > MaxProductKeyLength) return "must be 1-" + MaxProductKeyLength + " characters";
            foreach (char c in pk)
            {
                if (!IsAsciiLetterOrDigit(c)) return "may hold only letters and digits";
            }

            return null;
        }

        public static string DeviceNameProblem(string dn)
        {
            if (dn.Length < MinDeviceNameLength || dn.Length > MaxDeviceNameLength)
                return "must be " + MinDeviceNameLength + "-" + MaxDeviceNameLength + " characters";
            foreach (char c in dn)
            {
                if (!IsAsciiLetterOrDigit(c) && "-_.@:".IndexOf(c) < 0) return "may hold only letters, digits and - _ . @ :";
            }

            return null;
        }

        /// <summary>The secret as stored: non-empty, at most 128 characters of printable ASCII without spaces.</summary>
        public static string DeviceSecretProblem(string secret)
        {
            if (secret.Length == 0) return "is empty";
            if (secret.Length > MaxDeviceSecretLength) return "is longer than " + MaxDeviceSecretLength + " characters";
            foreach (char c in secret)
            {
                if (c < 0x21 || c > 0x7E) return "must be one line of printable ASCII without spaces";
            }

            return null;
        }

        public static bool IsAsciiLetterOrDigit(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
