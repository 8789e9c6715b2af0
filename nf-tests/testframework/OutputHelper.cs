using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Test log output.</summary>
    public static class OutputHelper
    {
        public static void WriteLine(string message) { Console.WriteLine(message); }

        public static void Write(string message) { Console.Write(message); }
    }
}
