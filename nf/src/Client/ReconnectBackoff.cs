using System;

namespace LinkKit.Nano.Client
{
    /// <summary>
    /// Reconnect waits: exponential ceiling with full jitter above the floor. Wait n (n = 0 after the first failure,
    /// reset by every accepted CONNACK) is uniform in [min, ceiling(n)] where ceiling(n) = min(max, min * 2^n).
    /// The first wait is exactly the minimum (as Python's), and no wait ever exceeds the configured maximum (Python's
    /// can reach 2 x max). Jitter spreads a fleet of devices reconnecting after a broker restart.
    /// </summary>
    internal sealed class ReconnectBackoff
    {
        private readonly int _minMilliseconds;
        private readonly int _maxMilliseconds;
        private readonly IRandomSource _random;
        private int _attempt;

        /// <summary>Creates the back-off for waits between <paramref name="minSeconds"/> and <paramref name="maxSeconds"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">min &lt; 1, max &gt; 7200 or min &gt; max.</exception>
        public ReconnectBackoff(int minSeconds, int maxSeconds, IRandomSource random)
        {
            if (random == null) throw new ArgumentNullException("random");
            if (minSeconds < 1 || maxSeconds > 7200 || minSeconds > maxSeconds)
            {
                throw new ArgumentOutOfRangeException("minSeconds", "need 1 <= minSeconds <= maxSeconds <= 7200");
            }

            _minMilliseconds = minSeconds * 1000;
            _maxMilliseconds = maxSeconds * 1000;
            _random = random;
        }

        /// <summary>How many waits since the last <see cref="Reset"/>.</summary>
        public int Attempt { get { return _attempt; } }

        /// <summary>Starts again from the minimum (after an accepted CONNACK).</summary>
        public void Reset() { _attempt = 0; }

        /// <summary>The upper bound of wait number <paramref name="attempt"/>: min(max, min * 2^attempt), in ms.</summary>
        public int GetCeilingMilliseconds(int attempt)
        {
            int ceiling = _minMilliseconds;
            for (int i = 0; i < attempt && ceiling < _maxMilliseconds; i++) ceiling *= 2; // <= 14.4e6: no overflow
            return ceiling < _maxMilliseconds ? ceiling : _maxMilliseconds;
        }

        /// <summary>The next wait in milliseconds, within [min, max]; advances the attempt count.</summary>
        public int NextDelayMilliseconds()
        {
            int ceiling = GetCeilingMilliseconds(_attempt);
            if (_attempt < 30) _attempt++; // 2^30 * 1 s is far past any maximum
            int jitter = _random.Next(ceiling - _minMilliseconds + 1);
            if (jitter < 0) jitter = 0;
            int delay = _minMilliseconds + jitter;
            return delay < ceiling ? delay : ceiling; // a misbehaving random source still cannot exceed the ceiling
        }
    }
}
