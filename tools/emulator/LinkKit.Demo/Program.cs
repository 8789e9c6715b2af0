using LinkKit.Demo;

// The README demo (DemoSession.cs): one line per step, exit code 0 when every step did what it should, 1 at the first that
// did not. --verbose adds the emulator's and the SDK's own logs. --console also opens the emulator's web console on a free
// port and waits for Enter before the steps (open the printed address first: the page shows what happens from then on) and
// again before the emulator stops.

bool verbose = args.Contains("--verbose");
bool console = args.Contains("--console");
DemoSession? session = null;

// Every wait inside the session is bounded (10 s); this bounds the whole run, whatever hangs (not the waits for Enter).
TimeSpan limit = TimeSpan.FromSeconds(50);
using var watchdog = new Timer(_ =>
{
    Console.WriteLine($"[{session!.Step + 1,2}] FAIL the demo did not finish within {limit.TotalSeconds:0} s");
    Environment.Exit(1);
}, null, limit, Timeout.InfiniteTimeSpan);

session = new DemoSession(Console.Out, verbose)
{
    ApiPort = console ? 0 : null,
    Started = console ? async emulator =>
    {
        watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Console.WriteLine($"web console: {emulator.ConsoleUri} — open it, then press Enter to run the steps");
        await Task.Run(Console.ReadLine);
        watchdog.Change(limit, Timeout.InfiniteTimeSpan);
    } : null,
    Stopping = console ? async emulator =>
    {
        watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Console.WriteLine($"the emulator keeps running for the web console ({emulator.ConsoleUri}); press Enter to stop it");
        await Task.Run(Console.ReadLine);
    } : null,
};
return await session.RunAsync();
