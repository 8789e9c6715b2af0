using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Broker;

/// <summary>
/// When the emulator is short of file descriptors, memory or database queue room, it refuses new connections
/// (CONNACK 3, "server unavailable") and sheds uplinks, each counted and logged with its reason, instead of failing
/// somewhere it cannot recover from. Nothing here latches: once the pressure is gone, everything is served again.
/// </summary>
public sealed class ResourceLimits
{
    // Descriptors kept back for what a connection is not: HTTP requests, firmware files, assemblies loaded on first use.
    const int MinDescriptorReserve = 128;
    readonly bool _automatic;
    readonly ILogger _log;
    readonly Func<int> _storeQueueDepth;
    long _connectionsRefused, _uplinksShed, _lastWarningTicks, _heapBytes, _heapSampledTicks = long.MinValue / 2;   // never sampled: "long ago" without overflowing now - it

    public ResourceLimits(EmulatorOptions options, Func<int> storeQueueDepth, ILogger log)
    {
        _log = log;
        _storeQueueDepth = storeQueueDepth;
        _automatic = options.MaxConnections <= 0;
        MaxConnections = _automatic ? int.MaxValue : options.MaxConnections;
        MaxHeapBytes = options.MaxHeapMegabytes > 0 ? options.MaxHeapMegabytes * 1024L * 1024 : long.MaxValue;
        MaxStoreQueue = options.MaxStoreQueue;
    }

    /// <summary>
    /// Sets the automatic connection limit once every listener is up, from the descriptors then open: the process's
    /// limit less those and a reserve (5 %, at least 128).
    /// </summary>
    public void Started()
    {
        if (_automatic) MaxConnections = AutomaticConnectionLimit();
    }

    /// <summary>Open connections (accepted sockets, CONNECT read or not) beyond which a CONNECT is answered CONNACK 3.</summary>
    public int MaxConnections { get; set; }

    /// <summary>Managed heap beyond which connections are refused and uplinks shed.</summary>
    public long MaxHeapBytes { get; set; }

    /// <summary>Database writes waiting beyond which uplinks are shed.</summary>
    public int MaxStoreQueue { get; set; }

    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);
    public long UplinksShed => Interlocked.Read(ref _uplinksShed);

    /// <summary>Why a new connection is refused now, or null to accept it.</summary>
    public string? RefuseConnection(int openConnections)
    {
        string? reason = openConnections > MaxConnections ? $"{openConnections} connections open (limit {MaxConnections})" : HeapPressure();
        if (reason != null) Count(ref _connectionsRefused, "connection refused with CONNACK 3", reason);
        return reason;
    }

    /// <summary>Why an uplink is shed now (dropped unanswered, as the platform drops throttled uplinks), or null to serve it.</summary>
    public string? ShedUplink()
    {
        int depth = _storeQueueDepth();
        string? reason = depth >= MaxStoreQueue ? $"{depth} database writes queued (limit {MaxStoreQueue})" : HeapPressure();
        if (reason != null) Count(ref _uplinksShed, "uplink shed", reason);
        return reason;
    }

    string? HeapPressure()
    {
        if (MaxHeapBytes == long.MaxValue) return null;
        // Sampled at most every 100 ms: reading the heap size takes the GC's lock, too dear for every uplink.
        long now = Environment.TickCount64, heap = Interlocked.Read(ref _heapBytes);
        if (now - Interlocked.Read(ref _heapSampledTicks) >= 100)
        {
            heap = GC.GetTotalMemory(false);
            Interlocked.Exchange(ref _heapBytes, heap);
            Interlocked.Exchange(ref _heapSampledTicks, now);
        }
        return heap > MaxHeapBytes ? $"managed heap {heap / (1024 * 1024)} MB (limit {MaxHeapBytes / (1024 * 1024)} MB)" : null;
    }

    // One warning a second at most: under pressure, a line per refusal would add to the load it reports.
    void Count(ref long counter, string what, string reason)
    {
        long count = Interlocked.Increment(ref counter);
        long now = Environment.TickCount64, last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
            _log.LogWarning("{What}: {Reason} ({Count} so far)", what, reason, count);
    }

    // No limit where the descriptor limit cannot be read (not Linux) or is unlimited.
    static int AutomaticConnectionLimit()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (!long.TryParse(fields[0], out long soft)) return int.MaxValue;      // "unlimited"
                int open = Directory.GetFiles("/proc/self/fd").Length;
                long reserve = Math.Max(MinDescriptorReserve, soft / 20);
                return (int)Math.Clamp(soft - open - reserve, 1, int.MaxValue);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return int.MaxValue;
    }
}
