using System.Diagnostics;

namespace LinkKit.Nano
{
    /// <summary>
    /// Writes log lines with <see cref="Debug.WriteLine(string)"/> (the Visual Studio output window when a
    /// nanoFramework device is attached). Builds one string per line: use it for diagnosis, not in production.
    /// </summary>
    public sealed class DebugLogSink : ILogSink
    {
        /// <inheritdoc/>
        public void Write(LogLevel level, string message)
        {
            Debug.WriteLine("linkkit " + LogLevels.GetName(level) + " " + message);
        }
    }
}
