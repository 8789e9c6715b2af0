using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by a failed assertion (the framework has no Assert.Fail: throw this instead).</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException(string message) : base(message) { }
    }

    /// <summary>Thrown by Assert.SkipTest.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message) : base(message) { }
    }
}
