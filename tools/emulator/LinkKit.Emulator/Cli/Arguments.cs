namespace LinkKit.Emulator.Cli;

/// <summary>Command-line arguments: a command, then <c>--name value</c> options (repeatable) and bare flags.</summary>
public sealed class Arguments
{
    readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public Arguments(string[] args, IReadOnlySet<string> flagNames)
    {
        int i = 0;
        for (; i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal); i++) Positional.Add(args[i]);
        for (; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2) throw new UsageException("unexpected argument " + arg);
            string name = arg[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq > 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (inline == null && flagNames.Contains(name)) { _flags.Add(name); continue; }
            string value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException("--" + name + " needs a value"));
            if (!_options.TryGetValue(name, out List<string>? values)) _options[name] = values = [];
            values.Add(value);
        }
    }

    public List<string> Positional { get; } = [];

    public IEnumerable<string> OptionNames => _options.Keys;

    public bool Flag(string name) => _flags.Contains(name);

    public string? Get(string name) => _options.TryGetValue(name, out List<string>? v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out List<string>? v) ? v : [];

    public int Int(string name, int fallback) => Get(name) is string s
        ? int.TryParse(s, out int n) ? n : throw new UsageException("--" + name + " must be a number")
        : fallback;

    /// <summary>A port option: a number, or "off" for no listener.</summary>
    public int? Port(string name, int? fallback)
    {
        string? s = Get(name);
        if (s == null) return fallback;
        if (s.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        return int.TryParse(s, out int p) && p is >= 0 and <= 65535 ? p : throw new UsageException("--" + name + " must be a port number or off");
    }
}

public sealed class UsageException(string message) : Exception(message);
