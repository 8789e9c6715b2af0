using System.Text.Json;
using System.Text.Json.Nodes;

namespace LinkKit.Emulator.Load;

/// <summary>
/// Reply latencies in fixed buckets: 0.1 ms wide below 10 s, 100 ms wide from 10 s to 10 min, one bucket beyond; the
/// exact maximum is kept besides. Recording is lock-free (any thread); histograms of several worker processes merge
/// by adding counts, so percentiles over the whole run come out as if one process had recorded everything.
/// </summary>
public sealed class LatencyHistogram
{
    const int FineBuckets = 100_000;            // [0, 10 s) in 100 µs steps
    const long FineLimitUs = FineBuckets * 100L;
    const int CoarseBuckets = 5_900;            // [10 s, 600 s) in 100 ms steps
    const long CoarseLimitUs = FineLimitUs + CoarseBuckets * 100_000L;
    const int BucketCount = FineBuckets + CoarseBuckets + 1;

    readonly long[] _counts = new long[BucketCount];
    long _count, _maxUs;

    public long Count => Interlocked.Read(ref _count);
    public long MaxMicroseconds => Interlocked.Read(ref _maxUs);

    public void Record(long microseconds)
    {
        if (microseconds < 0) microseconds = 0;
        Interlocked.Increment(ref _counts[Index(microseconds)]);
        Interlocked.Increment(ref _count);
        RaiseMax(microseconds);
    }

    void RaiseMax(long us)
    {
        long max = Interlocked.Read(ref _maxUs);
        while (us > max)
        {
            long seen = Interlocked.CompareExchange(ref _maxUs, us, max);
            if (seen == max) break;
            max = seen;
        }
    }

    public void Merge(LatencyHistogram other)
    {
        for (int i = 0; i < BucketCount; i++)
            if (other._counts[i] != 0) Interlocked.Add(ref _counts[i], other._counts[i]);
        Interlocked.Add(ref _count, other.Count);
        RaiseMax(other.MaxMicroseconds);
    }

    /// <summary>
    /// The p-th percentile (0 &lt; p ≤ 1) in ms: the lower edge of the bucket holding the ⌈p·n⌉-th smallest value
    /// (so exact for values on the 0.1 ms grid below 10 s); p = 1 is the exact maximum; 0 when empty.
    /// </summary>
    public double PercentileMs(double p)
    {
        long n = Count;
        if (n == 0) return 0;
        if (p >= 1) return MaxMicroseconds / 1000.0;
        long rank = Math.Max(1, (long)Math.Ceiling(p * n - 1e-9));      // the epsilon keeps 0.9 × 100 at 90
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(LowerEdgeUs(i), MaxMicroseconds) / 1000.0;
        }
        return MaxMicroseconds / 1000.0;
    }

    static int Index(long us) =>
        us < FineLimitUs ? (int)(us / 100)
        : us < CoarseLimitUs ? FineBuckets + (int)((us - FineLimitUs) / 100_000)
        : BucketCount - 1;

    static long LowerEdgeUs(int index) =>
        index < FineBuckets ? index * 100L : FineLimitUs + (index - FineBuckets) * 100_000L;

    /// <summary>Sparse form for the worker's result line: <c>{"maxUs":…,"buckets":[[index,count],…]}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("maxUs", MaxMicroseconds);
        writer.WriteStartArray("buckets");
        for (int i = 0; i < BucketCount; i++)
        {
            long c = Interlocked.Read(ref _counts[i]);
            if (c == 0) continue;
            writer.WriteStartArray();
            writer.WriteNumberValue(i);
            writer.WriteNumberValue(c);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static LatencyHistogram Read(JsonNode? node)
    {
        var h = new LatencyHistogram();
        if (node is not JsonObject o) return h;
        foreach (JsonNode? pair in o["buckets"]?.AsArray() ?? [])
        {
            int index = pair![0]!.GetValue<int>();
            long count = pair[1]!.GetValue<long>();
            if (index is < 0 or >= BucketCount || count < 0) throw new FormatException("histogram bucket out of range");
            h._counts[index] += count;
            h._count += count;
        }
        h._maxUs = o["maxUs"]?.GetValue<long>() ?? 0;
        return h;
    }
}
