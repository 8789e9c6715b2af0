namespace LinkKit.EndToEnd.Tests;

static class Eventually
{
    /// <summary>
    /// Re-reads <paramref name="read"/> until <paramref name="done"/> holds (the emulator stores some things a moment
    /// after it answers the device), then returns the value; throws on timeout with the last value seen.
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? wait = null)
    {
        DateTime deadline = DateTime.UtcNow + (wait ?? E2eEmulator.Wait);
        while (true)
        {
            T value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what + " did not happen; last seen: " + value);
            await Task.Delay(20);
        }
    }
}
