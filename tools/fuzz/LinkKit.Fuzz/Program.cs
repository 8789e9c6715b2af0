using SharpFuzz;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>linkkit-fuzz &lt;target&gt;</c> under afl-fuzz (input on stdin); <c>linkkit-fuzz &lt;target&gt; file…</c> runs files once
/// and prints what each found; <c>linkkit-fuzz replay [folder]</c> runs every corpus and regression file through every
/// target; <c>linkkit-fuzz list</c> names the targets.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: linkkit-fuzz list | replay [tools/fuzz folder] | <target> [input file…]");
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "list")
        {
            foreach (FuzzTargetInfo t in FuzzTargets.All) Console.WriteLine(t.Name.PadRight(14) + t.Description);
            return 0;
        }

        if (args[0] == "replay")
        {
            string root = args.Length > 1 ? args[1] : Replay.FindRoot(AppContext.BaseDirectory);
            IReadOnlyList<string> failures = Replay.Run(root, Console.Out);
            return failures.Count == 0 ? 0 : 1;
        }

        FuzzTargetInfo? info = FuzzTargets.Find(args[0]);
        if (info == null)
        {
            Console.Error.WriteLine("unknown target " + args[0] + "; known: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
            return 2;
        }

        if (args.Length > 1)
        {
            using FuzzTarget target = info.Create();
            int found = 0;
            foreach (string file in args.Skip(1))
            {
                string? failure = Replay.RunOne(target, File.ReadAllBytes(file));
                Console.WriteLine(file + ": " + (failure ?? "ok"));
                if (failure != null) found++;
            }

            return found == 0 ? 0 : 1;
        }

        // Out of process: the child that runs the parsers is restarted after a hang or a FailFast, so a timeout is
        // recorded as a hang instead of ending the campaign.
        FuzzTarget? fuzzed = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            fuzzed ??= info.Create();
            fuzzed.Run(memory.ToArray());
        });
        return 0;
    }
}
