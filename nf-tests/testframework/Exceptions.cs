using System;

// The real framework declares AssertFailedException in this namespace (its TestFrameworkShared project), not in
// nanoFramework.TestFramework: a test that throws it needs `using TestFrameworkShared;` on both builds.
namespace TestFrameworkShared
{
    /// <summary>Thrown by a failed assertion (the framework has no Assert.Fail: throw this instead).</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }

        public AssertFailedException(string msg) : base(msg) { }

        public AssertFailedException(string msg, Exception ex) : base(msg, ex) { }
    }
}

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by Assert.SkipTest.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message = "", Exception innerException = null) : base(message, innerException) { }
    }
}
