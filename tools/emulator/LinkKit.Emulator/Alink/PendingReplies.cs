using System.Collections.Concurrent;

namespace LinkKit.Emulator.Alink;

/// <summary>Cloud calls waiting for a device's answer (RRPC and sync services), keyed by device and message id.</summary>
public sealed class PendingReplies
{
    readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _waiting = new(StringComparer.Ordinal);

    static string Key(string productKey, string deviceName, string messageId) => productKey + "/" + deviceName + "/" + messageId;

    /// <summary>Starts waiting; dispose the registration when done (it removes the entry).</summary>
    public Registration Register(string productKey, string deviceName, string messageId)
    {
        string key = Key(productKey, deviceName, messageId);
        var tcs = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[key] = tcs;
        return new Registration(this, key, tcs.Task);
    }

    /// <summary>Hands a reply to its waiter; false when nobody waits (late or unknown replies).</summary>
    public bool Complete(string productKey, string deviceName, string messageId, byte[] payload) =>
        _waiting.TryRemove(Key(productKey, deviceName, messageId), out TaskCompletionSource<byte[]>? tcs) && tcs.TrySetResult(payload);

    public sealed class Registration(PendingReplies owner, string key, Task<byte[]> reply) : IDisposable
    {
        /// <summary>The reply payload, or null when <paramref name="timeout"/> passes first.</summary>
        public async Task<byte[]?> WaitAsync(TimeSpan timeout)
        {
            try
            {
                return await reply.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public void Dispose() => owner._waiting.TryRemove(key, out _);
    }
}
