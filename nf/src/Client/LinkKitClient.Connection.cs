using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Transport;

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

    /// <summary>Why <see cref="LinkKitClient.Disconnected"/> was raised (the Python rc values).</summary>
    public static class DisconnectReason
    {
        /// <summary>The application called Disconnect or Destruct.</summary>
        public const int Requested = 0;

        /// <summary>The connection was lost; the client reconnects on its own.</summary>
        public const int ConnectionLost = 1;

        /// <summary>The constant's name, or "Unknown".</summary>
        public static string GetName(int reason)
        {
            return reason == Requested ? "Requested" : reason == ConnectionLost ? "ConnectionLost" : "Unknown";
        }
    }

    public sealed partial class LinkKitClient
    {
        private readonly ReconnectBackoff _backoff;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly MqttConnectRequest _connectRequest = new MqttConnectRequest();
        private readonly string[] _resubscribeFilters;
        private readonly int[] _resubscribeQos;

        // Guarded by _lock.
        private LinkKitState _state = LinkKitState.Initialized;
        private Thread _supervisor;
        private bool _stopRequested;
        private bool _destructRequested;
        private bool _connectionLost;
        private int _generation; // identifies the live transport sink; bumped whenever a connection ends
        private int _inflight;
        private int _resubscribeMessageId;

        private Thread _callbackThread; // the transport thread inside an application handler, if any
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
            lock (_lock)
            {
                if (_state != LinkKitState.Initialized && _state != LinkKitState.Disconnected)
                {
                    throw new LinkKitStateException("ConnectAsync", _state, "Initialized, Disconnected");
                }

                _state = LinkKitState.Connecting;
                _stopRequested = false;
                _connectionLost = false;
                _backoff.Reset();
                _supervisor = new Thread(RunConnection);
                _supervisor.Start();
            }

            Log(LogLevel.Info, "connect started");
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
            Thread supervisor;
            lock (_lock)
            {
                if (_state == LinkKitState.Destructing || _state == LinkKitState.Destructed)
                {
                    throw new LinkKitStateException("Disconnect", _state, "any state before Destruct");
                }

                if (_state != LinkKitState.Connecting && _state != LinkKitState.Connected) return;
                _state = LinkKitState.Disconnecting;
                _stopRequested = true;
                supervisor = _supervisor;
                _wake.Set();
            }

            Log(LogLevel.Info, "disconnect requested");
            JoinUnlessOnSdkThread(supervisor);
        }

        /// <summary>
        /// Tears the client down for good (Python's <c>destruct</c>): like <see cref="Disconnect"/>, then
        /// <see cref="LinkKitState.Destructed"/>. Prompt: it interrupts a back-off wait instead of sleeping it out.
        /// A second call does nothing.
        /// </summary>
        public void Destruct()
        {
            Thread supervisor;
            lock (_lock)
            {
                if (_state == LinkKitState.Destructing || _state == LinkKitState.Destructed) return;
                _destructRequested = true;
                _stopRequested = true;
                supervisor = _supervisor;
                _state = supervisor == null ? LinkKitState.Destructed : LinkKitState.Destructing;
                _wake.Set();
            }

            Log(LogLevel.Info, "destruct requested");
            DisposeThing();
            if (supervisor == null)
            {
                CloseTransport();
                return;
            }

            JoinUnlessOnSdkThread(supervisor);
        }

        private void JoinUnlessOnSdkThread(Thread supervisor)
        {
            if (supervisor == null) return;
            Thread current = Thread.CurrentThread;

            // Joining from inside a handler would wait for ourselves (or for a transport thread we block).
            if (current == supervisor || current == _callbackThread) return;
            supervisor.Join();
        }

        /// <summary>The connection thread: register if needed, then connect, wait, reconnect until stopped.</summary>
        private void RunConnection()
        {
            // No finally here: FinishConnection raises Disconnected, and on nanoCLR an exception thrown and caught
            // in code called from a finally block kills the interpreter. The catch below lets it run in either case.
            bool wasConnected = false;
            try
            {
                Supervise(ref wasConnected);
            }
            catch (Exception)
            {
                // Only a bug in the SDK gets here (transport and handler exceptions are caught where they occur).
                Log(LogLevel.Critical, "connection thread failed; stopping");
                CloseTransport();
            }

            FinishConnection(wasConnected);
        }

        /// <summary>Connects, waits, reconnects until stopped; <paramref name="wasConnected"/> is set when a stop closes a live connection.</summary>
        private void Supervise(ref bool wasConnected)
        {
            if (!EnsureRegistered()) return;
            MqttCredentials credentials = null;
            while (!IsStopRequested())
            {
                // The fixed-timestamp signature never changes; HMAC-SHA1 is re-signed with the current clock
                // for every attempt, so a clock corrected by SNTP after boot reaches the next reconnect.
                if (credentials == null || (_readyMade == null && _signMethod == SignMethod.HmacSha1))
                {
                    credentials = BuildCredentials();
                }

                bool sessionPresent;
                int result = ConnectTransport(credentials, out sessionPresent);
                if (result == ConnectResult.Accepted)
                {
                    lock (_lock)
                    {
                        if (!_stopRequested)
                        {
                            _state = LinkKitState.Connected;
                            _inflight = 0;
                        }
                    }

                    if (IsStopRequested())
                    {
                        DisconnectTransport();
                        break;
                    }

                    _backoff.Reset();
                    Log(LogLevel.Info, "connected");
                    if (!sessionPresent) Resubscribe();
                    RaiseConnectCompleted(sessionPresent, ConnectResult.Accepted);
                    OnThingConnected();

                    if (!WaitForLossOrStop())
                    {
                        wasConnected = true;
                        DisconnectTransport();
                        break;
                    }

                    lock (_lock)
                    {
                        _generation++;
                        if (_state == LinkKitState.Connected) _state = LinkKitState.Connecting;
                    }

                    CloseTransport();
                    Log(LogLevel.Warning, "connection lost");
                    OnThingDisconnected();
                    RaiseDisconnected(DisconnectReason.ConnectionLost);
                }
                else
                {
                    lock (_lock)
                    {
                        _generation++;
                    }

                    CloseTransport();
                    if (IsLogging(LogLevel.Warning)) Log(LogLevel.Warning, "connect failed: " + ConnectResult.GetName(result) + " (" + result + ")");
                    RaiseConnectCompleted(false, result);
                }

                if (!WaitBeforeReconnect()) break;
            }
        }

        private bool EnsureRegistered()
        {
            if (_deviceSecret != null || _readyMade != null) return true;
            Log(LogLevel.Info, "dynamic registration started");
            string deviceSecret = null;
            MqttCredentials credentials = null;
            int rc;
            try
            {
                rc = _registration.Register(this, _productSecret, out deviceSecret, out credentials);
            }
            catch (Exception)
            {
                rc = ErrorCode.TransportFailed;
            }

            if (rc == ErrorCode.Ok && deviceSecret != null && deviceSecret.Length > 0)
            {
                _deviceSecret = deviceSecret;
                return true;
            }

            if (rc == ErrorCode.Ok && credentials != null)
            {
                _readyMade = credentials;
                return true;
            }

            if (IsLogging(LogLevel.Error)) Log(LogLevel.Error, "dynamic registration failed (" + rc + ")");
            RaiseConnectCompleted(false, ConnectResult.RegistrationFailed);
            return false;
        }

        private MqttCredentials BuildCredentials()
        {
            if (_readyMade != null) return _readyMade;
            if (_signMethod == SignMethod.HmacSha1)
            {
                return MqttCredentials.CreateHmacSha1(_productKey, _deviceName, _deviceSecret, _useTls, _deviceInfo, _clock.UnixTimeSeconds());
            }

            return MqttCredentials.CreateHmacSha256(_productKey, _deviceName, _deviceSecret, _useTls, _deviceInfo);
        }

        private int ConnectTransport(MqttCredentials credentials, out bool sessionPresent)
        {
            sessionPresent = false;
            ConnectionSink sink;
            lock (_lock)
            {
                _connectionLost = false;
                _resubscribeMessageId = 0;
                _thingSubscribeMessageId = 0;
                _generation++;
                sink = new ConnectionSink(this, _generation);
            }

            MqttConnectRequest request = _connectRequest;
            request.Set(_endpoint, _port, _useTls, _caCertificates, credentials, _keepAliveSeconds, _cleanSession, _protocol);
            Log(LogLevel.Info, "connecting");
            try
            {
                return _transport.Connect(request, sink, out sessionPresent);
            }
            catch (Exception)
            {
                Log(LogLevel.Warning, "transport threw while connecting");
                return ConnectResult.NetworkError;
            }
            finally
            {
                request.Password = null; // do not keep a copy of the secret longer than needed
            }
        }

        /// <summary>Waits while connected. Returns true when the connection was lost, false when a stop was requested.</summary>
        private bool WaitForLossOrStop()
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_stopRequested) return false;
                    if (_connectionLost) return true;
                }

                _wake.WaitOne();
            }
        }

        /// <summary>Waits the next back-off delay. Returns false (at once) when a stop is requested.</summary>
        private bool WaitBeforeReconnect()
        {
            int delay = _backoff.NextDelayMilliseconds();
            if (IsLogging(LogLevel.Info)) Log(LogLevel.Info, "reconnecting in " + delay + " ms");
            lock (_lock)
            {
                if (_stopRequested) return false;
                _wake.Reset(); // forget wake-ups meant for the connection that just ended
            }

            _clock.Wait(_wake, delay);
            return !IsStopRequested();
        }

        private bool IsStopRequested()
        {
            lock (_lock)
            {
                return _stopRequested;
            }
        }

        private void FinishConnection(bool wasConnected)
        {
            lock (_lock)
            {
                _generation++;
                _supervisor = null;
                _state = _destructRequested ? LinkKitState.Destructed : LinkKitState.Disconnected;
            }

            Log(LogLevel.Info, "connection thread ended");
            OnThingDisconnected();
            if (wasConnected) RaiseDisconnected(DisconnectReason.Requested);
        }

        private void DisconnectTransport()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (Exception)
            {
                Log(LogLevel.Warning, "transport threw while disconnecting");
            }
        }

        private void CloseTransport()
        {
            try
            {
                _transport.Close();
            }
            catch (Exception)
            {
                Log(LogLevel.Warning, "transport threw while closing");
            }
        }

        /// <summary>Replays every remembered subscription in one SUBSCRIBE after a connection without a stored session.</summary>
        private void Resubscribe()
        {
            lock (_sendLock)
            lock (_lock)
            {
                int count = _subscriptions.Count;
                if (count == 0) return;
                for (int i = 0; i < count; i++)
                {
                    _resubscribeFilters[i] = _subscriptions.GetFilter(i);
                    _resubscribeQos[i] = _subscriptions.GetQos(i);
                }

                int id;
                try
                {
                    id = _transport.Subscribe(_resubscribeFilters, _resubscribeQos, count);
                }
                catch (Exception)
                {
                    id = ErrorCode.TransportFailed;
                }

                _resubscribeMessageId = id > 0 ? id : 0;
                Log(id > 0 ? LogLevel.Info : LogLevel.Warning, id > 0 ? "subscriptions replayed" : "replaying subscriptions failed");
            }
        }

        private void RaiseConnectCompleted(bool sessionPresent, int result)
        {
            ConnectCompletedHandler handler = ConnectCompleted;
            if (handler == null) return;
            try
            {
                handler(this, sessionPresent, result);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        private void RaiseDisconnected(int reason)
        {
            DisconnectedHandler handler = Disconnected;
            if (handler == null) return;
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
