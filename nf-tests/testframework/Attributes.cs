using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding tests. The runner never instantiates it: keep fixtures static.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute { }

    /// <summary>Marks a public static or instance void method as a test.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute { }

    /// <summary>Runs once before the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute { }

    /// <summary>Runs once after the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute { }

    /// <summary>Runs the test once with these arguments; several rows may be given.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { MethodParameters = methodParameters; }

        public object[] MethodParameters { get; }
    }
}
