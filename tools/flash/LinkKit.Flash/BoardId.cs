using System.Text;

namespace LinkKit.Flash
{
    /// <summary>
    /// The key a board is known by in the ledger: the chip MAC the station reads, or the operator's label. Spelled one
    /// way only, because the same board read twice must find its identity again: ASCII letters are upper-cased and
    /// a MAC (12 hex digits, plain or in pairs separated by ':' or '-') becomes <c>AA:BB:CC:DD:EE:FF</c>.
    /// </summary>
    public static class BoardId
    {
        public const int MaxLength = 64;
        private const string Punctuation = "-_.:@/#";

        /// <summary>The canonical spelling, or null with <paramref name="problem"/> set.</summary>
        public static string Normalize(string raw, out string problem)
        {
            string id = raw.Trim();
            problem = NameProblem(id);
            if (problem != null) return null;

            string upper = id.ToUpperInvariant();
            return AsMac(upper) ?? upper;
        }

        /// <summary>A station name (kept as given): 1-64 letters, digits and - _ . : @ / #.</summary>
        public static string NameProblem(string name)
        {
            if (name.Length == 0 || name.Length > MaxLength) return "must be 1-" + MaxLength + " characters";
            foreach (char c in name)
            {
                if (!IdentityRules.IsAsciiLetterOrDigit(c) && Punctuation.IndexOf(c) < 0) return "may hold only letters, digits and " + string.Join(" ", Punctuation.ToCharArray());
            }

            return null;
        }

        private static string AsMac(string id)
        {
            string hex;
            if (id.Length == 12) hex = id;
            else if (id.Length == 17 && (id[2] == ':' || id[2] == '-'))
            {
                var digits = new StringBuilder(12);
                for (int i = 0; i < 17; i++)
                {
                    if (i % 3 == 2)
                    {
                        if (id[i] != id[2]) return null;
                    }
                    else digits.Append(id[i]);
                }

                hex = digits.ToString();
            }
            else return null;

            foreach (char c in hex)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return null;
            }

            var mac = new StringBuilder(17);
            for (int i = 0; i < 12; i += 2)
            {
                if (i > 0) mac.Append(':');
                mac.Append(hex, i, 2);
            }

            return mac.ToString();
        }
    }
}
