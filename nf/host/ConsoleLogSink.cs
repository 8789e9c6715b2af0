using System;

namespace LinkKit.Nano
{
    /// <summary>Writes the SDK's log lines to the console as "linkkit LEVEL message".</summary>
    public sealed class ConsoleLogSink : ILogSink
    {
        /// <inheritdoc/>
        public void Write(LogLevel level, string message)
        {
            Console.WriteLine("linkkit " + LogLevels.GetName(level) + " " + message);
        }
    }
}
