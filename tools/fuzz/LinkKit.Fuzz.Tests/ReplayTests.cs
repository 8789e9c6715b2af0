using Xunit;

namespace LinkKit.Fuzz.Tests;

/// <summary>
/// Every file of tools/fuzz/corpus and tools/fuzz/regressions through every target (uninstrumented, in process): a
/// seed afl-fuzz would refuse, or a finding that comes back, fails here in a second instead of in a fuzz run.
/// </summary>
public class ReplayTests
{
    private static readonly string Root = Replay.FindRoot(AppContext.BaseDirectory);

    public static IEnumerable<object[]> Targets() => FuzzTargets.All.Select(t => new object[] { t.Name });

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_input_passes_the_target(string name)
    {
        string[] inputs = Replay.Inputs(Root);
        Assert.NotEmpty(inputs);
        using FuzzTarget target = FuzzTargets.Find(name)!.Create();
        var failures = new List<string>();
        foreach (string file in inputs)
        {
            string? failure = Replay.RunOne(target, File.ReadAllBytes(file));
            if (failure != null) failures.Add(Path.GetRelativePath(Root, file) + ": " + failure);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Downlink_corpus_reaches_the_request_handlers()
    {
        using var target = new DownlinkTarget();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "corpus", "downlink"))) target.Run(File.ReadAllBytes(file));
        Assert.True(target.HandledRequests >= 6, "property sets and service calls handled: " + target.HandledRequests);
    }

    [Fact]
    public void Every_target_has_a_corpus()
    {
        foreach (FuzzTargetInfo t in FuzzTargets.All)
        {
            string dir = Path.Combine(Root, "corpus", t.Name);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir).Length > 0, "no seed corpus for " + t.Name);
        }
    }

    [Fact]
    public void Every_regression_folder_names_a_target()
    {
        string dir = Path.Combine(Root, "regressions");
        if (!Directory.Exists(dir)) return;
        foreach (string folder in Directory.GetDirectories(dir))
        {
            Assert.NotNull(FuzzTargets.Find(Path.GetFileName(folder)));
        }
    }
}
