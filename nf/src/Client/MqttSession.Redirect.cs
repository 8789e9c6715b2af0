using System;

namespace LinkKit.Nano.Client
{
    // The bootstrap notice's reconnect (docs/protocol.md, Field services / Bootstrap): the live connection is ended on request, the
    // endpoint resolved again on the connection thread (IEndpointResolver; none: the same endpoint), then the usual
    // reconnect runs.
    internal sealed partial class MqttSession
    {
        private readonly IEndpointResolver _endpointResolver;
        private bool _redirectRequested;   // guarded by _lock

        /// <summary>Ends the live connection for a redirect; false (nothing done) when not connected or stopping.</summary>
        public bool RequestRedirect()
        {
            lock (_lock)
            {
                if (_state != LinkKitState.Connected || _stopRequested) return false;
                _redirectRequested = true;
                _connectionLost = true;
                _wake.Set();
                return true;
            }
        }

        /// <summary>Whether the connection that just ended was ended by <see cref="RequestRedirect"/> (and forgets it).</summary>
        private bool TakeRedirect()
        {
            lock (_lock)
            {
                bool redirected = _redirectRequested;
                _redirectRequested = false;
                return redirected;
            }
        }

        /// <summary>On the connection thread after a redirect: asks the resolver for the endpoint of the next attempts.</summary>
        private void ResolveEndpoint()
        {
            IEndpointResolver resolver = _endpointResolver;
            if (resolver == null)
            {
                _client.Log(LogLevel.Info, "no endpoint resolver: reconnecting to the same endpoint");
                return;
            }

            string host = null;
            int port = 0;
            int rc;
            try
            {
                rc = resolver.Resolve(_client, out host, out port);
            }
            catch (Exception)
            {
                rc = ErrorCode.TransportFailed;
            }

            if (rc != ErrorCode.Ok || host == null || host.Length == 0 || port < 1 || port > 65535)
            {
                if (_client.IsLogging(LogLevel.Warning)) _client.Log(LogLevel.Warning, "endpoint not resolved (" + ErrorCode.GetName(rc) + "); reconnecting to the same endpoint");
                return;
            }

            lock (_lock)
            {
                _endpoint = host;
                _port = port;
            }

            if (_client.IsLogging(LogLevel.Info)) _client.Log(LogLevel.Info, "endpoint resolved: " + host + ":" + port);
        }
    }
}
