namespace LinkKit.Emulator.Load;

/// <summary>One simulated device's credentials, as read from the credentials file.</summary>
public sealed record LoadDevice(string ProductKey, string DeviceName, string DeviceSecret);

/// <summary>Counters of one worker process, shared by all its connections (lock-free: any thread may count).</summary>
public sealed class LoadStats
{
    long _sent, _replies, _errorReplies, _unmatched, _pubAcks, _connectionsLost;

    public LatencyHistogram Latency { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);
    /// <summary>Replies matched to a post of the same device by id (error replies included).</summary>
    public long Replies => Interlocked.Read(ref _replies);
    public long ErrorReplies => Interlocked.Read(ref _errorReplies);
    /// <summary>Messages on the reply topic whose id matched no outstanding post (duplicates, or not parsable).</summary>
    public long UnmatchedReplies => Interlocked.Read(ref _unmatched);
    public long PubAcks => Interlocked.Read(ref _pubAcks);
    /// <summary>Connections that were accepted and then closed by the other side or by an error before the disconnect.</summary>
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    public void OnSent() => Interlocked.Increment(ref _sent);
    public void OnPubAck() => Interlocked.Increment(ref _pubAcks);
    public void OnUnmatched() => Interlocked.Increment(ref _unmatched);
    public void OnConnectionLost() => Interlocked.Increment(ref _connectionsLost);

    public void OnReply(long latencyUs, bool ok)
    {
        Latency.Record(latencyUs);
        if (!ok) Interlocked.Increment(ref _errorReplies);
        Interlocked.Increment(ref _replies);      // last: a reader that sees the reply sees its latency recorded
    }
}
