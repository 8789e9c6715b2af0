namespace LinkKit.Nano.Tests.Storage
{
    /// <summary>
    /// The device's power, for cut tests: counts durable writes (a sink flush, a slot write, a journal append) and dies at a chosen one.
    /// Dead, every write fails, as the device would stop; <see cref="Restore"/> is the reboot.
    /// </summary>
    public sealed class Power
    {
        /// <summary>Durable writes that still complete before the cut (-1 = never cut).</summary>
        public int WritesLeft = -1;
        public bool Dead;
        public int DurableWrites;

        /// <summary>True when this durable write completes; false (and dead from now on) at the cut.</summary>
        public bool Write()
        {
            if (Dead) return false;
            if (WritesLeft == 0)
            {
                Dead = true;
                return false;
            }
            if (WritesLeft > 0) WritesLeft--;
            DurableWrites++;
            return true;
        }

        public void Restore()
        {
            Dead = false;
            WritesLeft = -1;
        }
    }
}
