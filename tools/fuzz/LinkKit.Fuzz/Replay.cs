namespace LinkKit.Fuzz;

/// <summary>
/// Runs every file of tools/fuzz/corpus/*/ and tools/fuzz/regressions/*/ through every target, in process and without
/// afl: fast and deterministic, so the desktop tests keep each input that once found a bug from finding it again.
/// </summary>
public static class Replay
{
    /// <summary>The inputs: every file of every target's corpus and regression folder, in a stable order.</summary>
    public static string[] Inputs(string root)
    {
        var files = new List<string>();
        foreach (string kind in new[] { "corpus", "regressions" })
        {
            string dir = Path.Combine(root, kind);
            if (!Directory.Exists(dir)) continue;
            files.AddRange(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')));
        }

        files.Sort(StringComparer.Ordinal);
        return files.ToArray();
    }

    /// <summary>Runs all inputs through all targets; returns one line per failure (and writes a summary).</summary>
    public static IReadOnlyList<string> Run(string root, TextWriter log)
    {
        string[] inputs = Inputs(root);
        var failures = new List<string>();
        foreach (FuzzTargetInfo info in FuzzTargets.All)
        {
            using FuzzTarget target = info.Create();
            foreach (string file in inputs)
            {
                string? failure = RunOne(target, File.ReadAllBytes(file));
                if (failure != null) failures.Add(info.Name + " " + Path.GetRelativePath(root, file) + ": " + failure);
            }
        }

        foreach (string f in failures) log.WriteLine("FAILED " + f);
        log.WriteLine("replay: " + inputs.Length + " inputs x " + FuzzTargets.All.Length + " targets, " + failures.Count + " failures");
        return failures;
    }

    /// <summary>Null when the target took the input; else the exception it let escape.</summary>
    public static string? RunOne(FuzzTarget target, byte[] data)
    {
        try
        {
            target.Run(data);
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message + Environment.NewLine + ex.StackTrace;
        }
    }

    /// <summary>tools/fuzz, found upwards from <paramref name="start"/> (the build output sits below it).</summary>
    public static string FindRoot(string start)
    {
        for (DirectoryInfo? d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tools", "fuzz");
            if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
            if (d.Name == "fuzz" && Directory.Exists(Path.Combine(d.FullName, "corpus"))) return d.FullName;
        }

        throw new DirectoryNotFoundException("tools/fuzz/corpus not found above " + start);
    }
}
