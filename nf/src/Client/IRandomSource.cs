using System;

namespace LinkKit.Nano
{
    /// <summary>Random numbers for the reconnect jitter. Replaced in tests (<see cref="LinkKitOptions.Random"/>).</summary>
    public interface IRandomSource
    {
        /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
        int Next(int maxExclusive);
    }

    /// <summary><see cref="Random"/>, seeded by the runtime.</summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random _random = new Random();

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            lock (_random)
            {
                return _random.Next(maxExclusive);
            }
        }
    }
}
