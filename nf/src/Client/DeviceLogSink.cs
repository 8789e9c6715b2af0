using System;
using System.Threading;

namespace LinkKit.Nano
{
    /// <summary>
    /// An opt-in <see cref="ILogSink"/> that uploads the SDK's own log lines to the device log
    /// (<see cref="LinkKitClient.PostLog(LogLevel, string, string, string, string)"/>, module <see cref="Module"/>): the
    /// lines at or above a level, at most a number per minute (a token bucket; the rest are counted in
    /// <see cref="DroppedCount"/>), optionally passing every line on to another sink.
    /// <code>
    /// var upload = new DeviceLogSink(client, LogLevel.Warning, 10, new DebugLogSink());
    /// client.EnableLogger(LogLevel.Info, upload);   // Info and above to the debug output, Warning and above to the cloud
    /// client.EnableDeviceLog();                     // follow the cloud's switch
    /// </code>
    /// </summary>
    /// <remarks>
    /// <see cref="Write"/> only queues the line (a reference to the SDK's string) under a lock of its own and returns:
    /// the SDK logs while holding its locks and message gates, so the sink never posts from the logging thread. One
    /// thread of the sink's posts the queued lines while the client is connected and the cloud's switch is on; lines
    /// wait in the queue meanwhile (a full queue drops the newest). What the posting thread itself logs is never queued
    /// (<see cref="SkippedCount"/>), so a failing post cannot feed itself. The SDK never logs a secret, so nothing this
    /// sink uploads contains one. The thread ends with <see cref="Dispose"/> or when the client is destructed.
    /// Allocates nothing per line.
    /// </remarks>
    public sealed class DeviceLogSink : ILogSink, IDisposable
    {
        /// <summary>The <c>module</c> of the lines this sink posts.</summary>
        public const string Module = "linkkit-nano";

        /// <summary>The <c>code</c> and <c>traceContext</c> of the lines this sink posts.</summary>
        public const string Code = "0";

        /// <summary>The most lines per minute a sink may post.</summary>
        public const int MaxLinesPerMinute = 600;

        private const int IdleWaitMilliseconds = 1000;

        private readonly LinkKitClient _client;
        private readonly IClock _clock;
        private readonly LogLevel _minimum;
        private readonly int _linesPerMinute;
        private readonly ILogSink _next;
        private readonly object _lock = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly Thread _poster;

        // Guarded by _lock: the queue (a ring) and the bucket (in 60ths of a line: one second adds linesPerMinute).
        private readonly string[] _lines;
        private readonly LogLevel[] _levels;
        private int _head;
        private int _queued;
        private long _credit;
        private long _refilledAt;
        private bool _stopped;

        private int _posted;
        private int _dropped;
        private int _failed;
        private int _skipped;

        /// <summary>A sink for <paramref name="client"/>'s log lines; give it to <see cref="LinkKitClient.EnableLogger"/>.</summary>
        /// <param name="client">The client whose device log receives the lines (it needs ThingSetup and <see cref="LinkKitClient.EnableDeviceLog"/>).</param>
        /// <param name="minimum">The lowest level uploaded.</param>
        /// <param name="linesPerMinute">The most lines uploaded per minute (1-600), also the queue's size; a full bucket lets a burst of that many through.</param>
        /// <param name="next">A sink that receives every line as well (e.g. <c>DebugLogSink</c>), or null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="linesPerMinute"/> is outside 1-600.</exception>
        public DeviceLogSink(LinkKitClient client, LogLevel minimum, int linesPerMinute, ILogSink next)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (linesPerMinute < 1 || linesPerMinute > MaxLinesPerMinute)
            {
                throw new ArgumentOutOfRangeException("linesPerMinute", "linesPerMinute must be between 1 and 600.");
            }

            _client = client;
            _clock = client.Clock;
            _minimum = minimum;
            _linesPerMinute = linesPerMinute;
            _next = next;
            _lines = new string[linesPerMinute];
            _levels = new LogLevel[linesPerMinute];
            _credit = (long)linesPerMinute * 60;
            _refilledAt = _clock.UnixTimeSeconds();
            client.ConnectCompleted += OnConnectCompleted;
            client.DeviceLogSwitchReceived += OnSwitch;
            _poster = new Thread(Run);
            _poster.Start();
        }

        /// <summary>Lines posted.</summary>
        public int PostedCount { get { lock (_lock) return _posted; } }

        /// <summary>Lines not uploaded because the rate limit was reached or the queue was full.</summary>
        public int DroppedCount { get { lock (_lock) return _dropped; } }

        /// <summary>Lines whose post failed for good (e.g. longer than the payload buffer), or left after the sink stopped.</summary>
        public int FailedCount { get { lock (_lock) return _failed; } }

        /// <summary>Lines the posting thread logged itself, never uploaded (so a post cannot log its way into another).</summary>
        public int SkippedCount { get { lock (_lock) return _skipped; } }

        /// <summary>Lines waiting to be posted.</summary>
        public int QueuedCount { get { lock (_lock) return _queued; } }

        /// <inheritdoc/>
        public void Write(LogLevel level, string message)
        {
            ILogSink next = _next;
            if (next != null)
            {
                try
                {
                    next.Write(level, message);
                }
                catch (Exception)
                {
                    // A failing sink must not take the SDK down with it.
                }
            }

            if (level < _minimum || message == null) return;
            bool queued = false;
            lock (_lock)
            {
                if (Thread.CurrentThread == _poster)
                {
                    _skipped++;
                }
                else if (!_stopped && _queued < _lines.Length && TakeToken())   // a line dropped for a full queue takes no token
                {
                    int tail = (_head + _queued) % _lines.Length;
                    _lines[tail] = message;
                    _levels[tail] = level;
                    _queued++;
                    queued = true;
                }
                else
                {
                    _dropped++;
                }
            }

            if (queued) _wake.Set();
        }

        /// <summary>Stops the posting thread (lines still queued are counted as failed). A second call does nothing.</summary>
        public void Dispose()
        {
            lock (_lock)
            {
                if (_stopped) return;
                _stopped = true;
            }

            _client.ConnectCompleted -= OnConnectCompleted;
            _client.DeviceLogSwitchReceived -= OnSwitch;
            _wake.Set();
            if (Thread.CurrentThread != _poster) _poster.Join();
        }

        // One line costs 60 credits; each second adds linesPerMinute, up to a minute's worth. Caller holds _lock.
        private bool TakeToken()
        {
            long now = _clock.UnixTimeSeconds();
            long elapsed = now - _refilledAt;
            if (elapsed > 0)
            {
                long full = (long)_linesPerMinute * 60;
                _credit = elapsed >= 60 ? full : _credit + elapsed * _linesPerMinute;
                if (_credit > full) _credit = full;
                _refilledAt = now;
            }
            else if (elapsed < 0)
            {
                _refilledAt = now; // the clock went back: count from here
            }

            if (_credit < 60) return false;
            _credit -= 60;
            return true;
        }

        private void Run()
        {
            while (true)
            {
                _wake.WaitOne(IdleWaitMilliseconds, false);
                if (IsStopping()) break;
                PostQueued();
            }

            lock (_lock)
            {
                _stopped = true;
                _failed += _queued;
                _queued = 0;
                for (int i = 0; i < _lines.Length; i++) _lines[i] = null;
            }
        }

        private bool IsStopping()
        {
            lock (_lock)
            {
                if (_stopped) return true;
            }

            LinkKitState state = _client.State;
            return state == LinkKitState.Destructing || state == LinkKitState.Destructed;
        }

        // Posts the queued lines while connected with the switch on; a line stays queued when the post could not go now.
        private void PostQueued()
        {
            while (_client.State == LinkKitState.Connected && _client.IsDeviceLogOn)
            {
                string line;
                LogLevel level;
                lock (_lock)
                {
                    if (_stopped || _queued == 0) return;
                    line = _lines[_head];
                    level = _levels[_head];
                }

                int rc;
                try
                {
                    rc = _client.PostLog(level, Module, Code, Code, line);
                }
                catch (Exception)
                {
                    rc = ErrorCode.NotConnected; // closing, or no ThingSetup: keep the line and look again later
                }

                if (rc == ErrorCode.NotConnected || rc == ErrorCode.DeviceLogOff || rc == ErrorCode.InflightFull) return;
                lock (_lock)
                {
                    _lines[_head] = null;
                    _head = (_head + 1) % _lines.Length;
                    _queued--;
                    if (rc == ErrorCode.Ok) _posted++;
                    else _failed++;
                }
            }
        }

        private void OnConnectCompleted(LinkKitClient sender, bool sessionPresent, int result)
        {
            if (result == ConnectResult.Accepted) _wake.Set();
        }

        private void OnSwitch(LinkKitClient sender, bool on)
        {
            if (on) _wake.Set();
        }
    }
}
