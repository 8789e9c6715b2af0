using System;
using System.Collections.Generic;

namespace LinkKit.Flash
{
    /// <summary>The <c>--name value</c> and <c>--flag</c> arguments of one command, with the messages <c>provision</c> uses.</summary>
    internal sealed class CommandArgs
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _flags = new HashSet<string>(StringComparer.Ordinal);

        /// <exception cref="UsageException">An unknown, repeated or value-less argument.</exception>
        public static CommandArgs Parse(IReadOnlyList<string> args, string[] valued, string[] flags)
        {
            var parsed = new CommandArgs();
            for (int i = 0; i < args.Count; i++)
            {
                string name = args[i];
                if (Array.IndexOf(flags, name) >= 0)
                {
                    if (!parsed._flags.Add(name)) throw new UsageException(name + " is given twice");
                    continue;
                }

                if (Array.IndexOf(valued, name) < 0) throw new UsageException("unknown argument '" + name + "'");
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException(name + " needs a value");
                if (parsed._values.ContainsKey(name)) throw new UsageException(name + " is given twice");
                parsed._values[name] = args[++i];
            }

            return parsed;
        }

        public string Required(string name)
        {
            if (!_values.TryGetValue(name, out string value)) throw new UsageException("missing " + name);
            return value;
        }

        public string Optional(string name)
        {
            return _values.TryGetValue(name, out string value) ? value : null;
        }

        public bool Flag(string name)
        {
            return _flags.Contains(name);
        }
    }
}
