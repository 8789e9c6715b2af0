using System;
using System.Threading;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Lends one <see cref="AlinkMessageBuilder"/> to one thread at a time, from a Begin… call to its End… call: other
    /// threads wait in their Begin… call meanwhile. The thing layer has two, one for requests and one for answers.
    /// </summary>
    /// <remarks>
    /// <see cref="Enter"/> throws on misuse, so callers call it inside their try and release in the finally only what
    /// they took (an <c>entered</c> flag): on nanoCLR a throw from a call right before a try runs that try's finally,
    /// which would release, and drop, a message this thread still owns.
    /// </remarks>
    internal sealed class LendingGate
    {
        private readonly object _monitor = new object();
        private readonly string _busy;
        private Thread _owner;

        /// <param name="busyMessage">The misuse message when this thread already holds the gate and may not restart.</param>
        public LendingGate(string busyMessage)
        {
            Builder = new AlinkMessageBuilder();
            _busy = busyMessage;
        }

        /// <summary>The builder lent with the gate.</summary>
        public AlinkMessageBuilder Builder { get; private set; }

        /// <summary>True when the calling thread holds the gate.</summary>
        public bool IsHeld
        {
            get { return _owner == Thread.CurrentThread; }
        }

        /// <summary>
        /// Takes the gate. When this thread holds it already: with <paramref name="restart"/> its unfinished message
        /// is abandoned and the gate kept; without, it is misuse.
        /// </summary>
        /// <exception cref="InvalidOperationException">This thread holds the gate and <paramref name="restart"/> is false.</exception>
        public void Enter(bool restart)
        {
            Thread current = Thread.CurrentThread;
            if (_owner == current)
            {
                if (!restart) throw new InvalidOperationException(_busy);
                Builder.Abandon();
                return;
            }

            Monitor.Enter(_monitor);
            _owner = current;
        }

        /// <summary>Releases the gate (the caller holds it).</summary>
        public void Exit()
        {
            _owner = null;
            Monitor.Exit(_monitor);
        }
    }
}
