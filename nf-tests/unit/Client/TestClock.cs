using System.Threading;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>
    /// A clock for tests: a settable Unix time, and back-off waits that are recorded and return at once (or, with
    /// <see cref="BlockWaits"/>, wait only for the wake handle, like an endless back-off).
    /// </summary>
    public sealed class TestClock : IClock
    {
        private readonly object _lock = new object();
        private readonly int[] _waits = new int[256];
        private int _waitCount;

        /// <summary>What <see cref="UnixTimeSeconds"/> returns.</summary>
        public long Now = 1700000000;

        /// <summary>Milliseconds past <see cref="Now"/>'s second (0-999).</summary>
        public long ExtraMilliseconds;

        /// <summary>Added to <see cref="Now"/> after every wait (time passing).</summary>
        public long SecondsPerWait;

        /// <summary>When true, a wait returns only when the client wakes it.</summary>
        public bool BlockWaits;

        /// <summary>Signalled whenever a wait starts.</summary>
        public readonly AutoResetEvent WaitStarted = new AutoResetEvent(false);

        public int WaitCount
        {
            get
            {
                lock (_lock)
                {
                    return _waitCount;
                }
            }
        }

        public int GetWait(int index)
        {
            lock (_lock)
            {
                return _waits[index];
            }
        }

        public long UnixTimeSeconds()
        {
            lock (_lock)
            {
                return Now;
            }
        }

        /// <summary><see cref="Now"/> in milliseconds plus <see cref="ExtraMilliseconds"/>.</summary>
        public long UnixTimeMilliseconds()
        {
            lock (_lock)
            {
                return Now * 1000 + ExtraMilliseconds;
            }
        }

        public bool Wait(WaitHandle wake, int milliseconds)
        {
            lock (_lock)
            {
                if (_waitCount < _waits.Length) _waits[_waitCount] = milliseconds;
                _waitCount++;
                Now += SecondsPerWait;
            }

            WaitStarted.Set();
            return BlockWaits ? wake.WaitOne(Timeout.Infinite, false) : wake.WaitOne(0, false);
        }
    }

    /// <summary>A random source that always answers the same fraction of its range: 0 = lowest, 1000 = highest.</summary>
    public sealed class FixedRandom : IRandomSource
    {
        public int PerMille;
        public int Calls;

        public FixedRandom(int perMille)
        {
            PerMille = perMille;
        }

        public int Next(int maxExclusive)
        {
            Calls++;
            long value = (long)(maxExclusive - 1) * PerMille / 1000;
            return (int)value;
        }
    }

    /// <summary>A random source that returns a value out of range, to prove the back-off clamps it.</summary>
    public sealed class BrokenRandom : IRandomSource
    {
        public int Next(int maxExclusive) { return maxExclusive * 10; }
    }

    /// <summary>A log sink that keeps every line (for the no-secrets test).</summary>
    public sealed class CapturingLogSink : ILogSink
    {
        private readonly object _lock = new object();
        private readonly string[] _lines = new string[1024];

        public int Count;

        public void Write(LogLevel level, string message)
        {
            lock (_lock)
            {
                if (Count < _lines.Length) _lines[Count] = LogLevels.GetName(level) + " " + message;
                Count++;
            }
        }

        public string GetLine(int index)
        {
            lock (_lock)
            {
                return _lines[index];
            }
        }

        /// <summary>The first line containing <paramref name="text"/>, or null.</summary>
        public string FindLineContaining(string text)
        {
            lock (_lock)
            {
                int n = Count < _lines.Length ? Count : _lines.Length;
                for (int i = 0; i < n; i++)
                {
                    if (_lines[i].IndexOf(text) >= 0) return _lines[i];
                }

                return null;
            }
        }
    }
}
