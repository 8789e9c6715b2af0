using System;

namespace LinkKit.Nano
{
    public sealed partial class LinkKitClient
    {
        private const int LoggingOff = int.MaxValue;

        private ILogSink _logSink;
        private int _logThreshold = LoggingOff; // the one field a disabled log call reads

        /// <summary>
        /// Sends the SDK's log lines at <paramref name="level"/> and above to <paramref name="sink"/> (Python's
        /// <c>enable_logger(level)</c>; the sink plays the role of Python's logging handler). Allowed in every state.
        /// Log lines never contain a secret or a password.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
        public void EnableLogger(LogLevel level, ILogSink sink)
        {
            if (sink == null) throw new ArgumentNullException("sink");
            _logSink = sink;
            _logThreshold = (int)level;
        }

        /// <summary>Stops logging (Python's <c>disable_logger()</c>); the default. A disabled log call reads one field and allocates nothing.</summary>
        public void DisableLogger()
        {
            _logThreshold = LoggingOff;
            _logSink = null;
        }

        /// <summary>True when a line at <paramref name="level"/> would be written: guard any message that must be built.</summary>
        internal bool IsLogging(LogLevel level)
        {
            return (int)level >= _logThreshold;
        }

        internal void Log(LogLevel level, string message)
        {
            if ((int)level < _logThreshold) return;
            ILogSink sink = _logSink;
            if (sink == null) return;
            try
            {
                sink.Write(level, message);
            }
            catch (Exception)
            {
                // A failing sink must not take the SDK down with it.
            }
        }
    }
}
