namespace LinkKit.Nano
{
    /// <summary>Severity of an SDK log line; the numbers are Python's <c>logging</c> levels.</summary>
    public enum LogLevel
    {
        /// <summary>Step-by-step detail (every publish, every received message).</summary>
        Debug = 10,

        /// <summary>Connection life cycle.</summary>
        Info = 20,

        /// <summary>Something failed and will be retried, or an application handler threw.</summary>
        Warning = 30,

        /// <summary>Something failed for good.</summary>
        Error = 40,

        /// <summary>The client cannot continue.</summary>
        Critical = 50,
    }

    /// <summary>Names of <see cref="LogLevel"/> values (enum ToString prints the number on nanoFramework).</summary>
    public static class LogLevels
    {
        /// <summary>"DEBUG", "INFO", "WARNING", "ERROR" or "CRITICAL", as Python's logging prints them.</summary>
        public static string GetName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "DEBUG";
                case LogLevel.Info: return "INFO";
                case LogLevel.Warning: return "WARNING";
                case LogLevel.Error: return "ERROR";
                default: return "CRITICAL";
            }
        }
    }
}
