using System;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.BootstrapNotified"/>.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="command">The notice's <c>params.cmd</c> (0: find the endpoint again and reconnect).</param>
    /// <param name="reconnect">Whether the client now resolves its endpoint again and reconnects: set for command 0,
    /// clear for others; the handler may change it.</param>
    public delegate void BootstrapNotifiedHandler(LinkKitClient sender, int command, ref bool reconnect);

    /// <summary>Handles <see cref="LinkKitClient.BroadcastReceived"/>.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="message">The broadcast, lent: valid only during the call.</param>
    public delegate void BroadcastReceivedHandler(LinkKitClient sender, BroadcastMessage message);

    public sealed partial class LinkKitClient
    {
        /// <summary>
        /// The cloud sent a bootstrap notice (<c>…/thing/bootstrap/notify</c>), already answered 200 on
        /// <c>…/notify_reply</c>. Unless the handler clears <c>reconnect</c> (set for command 0), the client then closes
        /// the connection (<see cref="Disconnected"/> with <see cref="DisconnectReason.Redirected"/>), asks
        /// <see cref="LinkKitOptions.EndpointResolver"/> for its endpoint (none: the same one) and reconnects. Runs on the
        /// transport thread.
        /// </summary>
        public event BootstrapNotifiedHandler BootstrapNotified;

        /// <summary>
        /// A broadcast arrived on <c>/sys/{pk}/{dn}/broadcast/request/{messageId}</c> (delivered without a
        /// subscription). Without a handler the message goes to <see cref="MessageReceived"/> instead.
        /// </summary>
        public event BroadcastReceivedHandler BroadcastReceived;

        internal bool HasBroadcastHandler
        {
            get { return BroadcastReceived != null; }
        }

        internal void RaiseBroadcast(BroadcastMessage message)
        {
            BroadcastReceivedHandler handler = BroadcastReceived;
            if (handler == null) return;
            try
            {
                handler(this, message);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        internal void RaiseBootstrapNotified(int command, ref bool reconnect)
        {
            BootstrapNotifiedHandler handler = BootstrapNotified;
            if (handler == null) return;
            try
            {
                handler(this, command, ref reconnect);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        /// <summary>Ends the live connection so the connection thread resolves the endpoint again and reconnects.</summary>
        internal void Redirect()
        {
            if (_session.RequestRedirect()) Log(LogLevel.Info, "bootstrap notice: reconnecting");
        }
    }
}
