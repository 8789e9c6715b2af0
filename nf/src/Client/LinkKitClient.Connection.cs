using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.ConnectCompleted"/> (Python's <c>on_connect(session_flag, rc)</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="sessionPresent">The CONNACK session-present flag; false for failed attempts.</param>
    /// <param name="result">A <see cref="ConnectResult"/>: 0 connected, 1-5 CONNACK refusal, 6-10 no CONNACK.</param>
    public delegate void ConnectCompletedHandler(LinkKitClient sender, bool sessionPresent, int result);

    /// <summary>Handles <see cref="LinkKitClient.Disconnected"/> (Python's <c>on_disconnect(rc)</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="reason">A <see cref="DisconnectReason"/>.</param>
    public delegate void DisconnectedHandler(LinkKitClient sender, int reason);

    public sealed partial class LinkKitClient
    {
        private int _handlerExceptions;

        /// <summary>
        /// Raised after every connection attempt, on the connection thread: result 0 after each (re)connection, the
        /// refusal or failure code otherwise (unlike Python, a CONNACK refusal is reported too).
        /// </summary>
        public event ConnectCompletedHandler ConnectCompleted;

        /// <summary>Raised when a connection ends: lost (the client then reconnects) or closed on request.</summary>
        public event DisconnectedHandler Disconnected;

        /// <summary>
        /// Starts connecting on a background thread and returns at once (Python's <c>connect_async</c>). The thread
        /// retries with back-off until connected, and reconnects after every loss, until <see cref="Disconnect"/> or
        /// <see cref="Destruct"/>. Credentials are built for each call; see <see cref="SignMethod"/> for reconnects.
        /// </summary>
        /// <exception cref="LinkKitStateException">Not in <see cref="LinkKitState.Initialized"/> or <see cref="LinkKitState.Disconnected"/>.</exception>
        public void ConnectAsync()
        {
            _session.Start();
        }

        /// <summary>
        /// Stops connecting or closes the connection with DISCONNECT, then raises <see cref="Disconnected"/> with
        /// <see cref="DisconnectReason.Requested"/> if a connection was open. Blocks until the connection thread has
        /// ended (at most one connect attempt; never a back-off wait), except when called from an event handler,
        /// where it returns at once and the thread finishes on its own. Subscriptions are kept for the next
        /// <see cref="ConnectAsync"/>. Does nothing in Initialized, Disconnecting or Disconnected.
        /// </summary>
        /// <exception cref="LinkKitStateException">In <see cref="LinkKitState.Destructing"/> or <see cref="LinkKitState.Destructed"/>.</exception>
        public void Disconnect()
        {
            _session.Stop();
        }

        /// <summary>
        /// Tears the client down for good (Python's <c>destruct</c>): like <see cref="Disconnect"/>, then
        /// <see cref="LinkKitState.Destructed"/>. Prompt: it interrupts a back-off wait instead of sleeping it out.
        /// A second call does nothing.
        /// </summary>
        public void Destruct()
        {
            Thread supervisor;
            if (!_session.RequestDestruct(out supervisor)) return;
            ThingLayer thing = _thing;
            if (thing != null) thing.Dispose();
            _session.CompleteDestruct(supervisor);
        }

        /// <summary>The session finished a connect attempt: <paramref name="result"/> is a <see cref="ConnectResult"/>.</summary>
        internal void OnConnectAttempt(bool sessionPresent, int result)
        {
            ConnectCompletedHandler handler = ConnectCompleted;
            if (handler != null)
            {
                try
                {
                    handler(this, sessionPresent, result);
                }
                catch (Exception)
                {
                    HandlerThrew();
                }
            }

            ThingLayer thing = _thing;
            if (result == ConnectResult.Accepted && thing != null) thing.OnConnected();
        }

        /// <summary>A connection ended (or the connection thread stopped): <paramref name="reason"/> is a <see cref="DisconnectReason"/>, or -1 when nothing is to be reported.</summary>
        internal void OnSessionEnded(int reason)
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.OnDisconnected();
            DisconnectedHandler handler = Disconnected;
            if (reason < 0 || handler == null) return;
            try
            {
                handler(this, reason);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        /// <summary>Counts and logs an application handler's exception (also for handlers raised by SDK helpers).</summary>
        internal void HandlerThrew()
        {
            Interlocked.Increment(ref _handlerExceptions);
            Log(LogLevel.Warning, "an application event handler threw; ignored");
        }
    }
}
