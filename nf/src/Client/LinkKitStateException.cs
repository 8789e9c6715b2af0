using System;

namespace LinkKit.Nano
{
    /// <summary>
    /// A call was made in a state that does not allow it (Python's <c>LinkKit.StateError</c>), e.g. Publish after
    /// Disconnect or ConnectAsync while connected. A programming error, never a runtime outcome: losing the
    /// connection makes calls return <see cref="ErrorCode.NotConnected"/> instead.
    /// </summary>
    public class LinkKitStateException : InvalidOperationException
    {
        /// <summary>Creates the exception for <paramref name="operation"/> refused in <paramref name="state"/>.</summary>
        public LinkKitStateException(string operation, LinkKitState state, string allowed)
            : base(operation + " is not allowed in state " + LinkKitStates.GetName(state) + "; allowed: " + allowed + ".")
        {
            State = state;
        }

        /// <summary>The state the client was in.</summary>
        public LinkKitState State { get; private set; }
    }
}
