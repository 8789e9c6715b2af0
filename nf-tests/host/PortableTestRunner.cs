using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;

namespace LinkKit.Nano.Tests.Host
{
    /// <summary>
    /// Runs the portable tests (nf-tests/unit, written in nanoFramework.TestFramework's dialect) as xunit
    /// cases: one case per [TestMethod], and one per [DataRow] of a data-driven method. Mirrors the
    /// device launcher: [Setup] runs once per class before its first test, [Cleanup] once after the run,
    /// and test methods are invoked without an instance when they are static.
    /// </summary>
    public sealed class PortableTestRunner : IClassFixture<PortableTestRunner.ClassLifetime>
    {
        public static IEnumerable<object[]> Cases()
        {
            foreach (Type type in TestClasses())
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.IsDefined(typeof(TestMethodAttribute))))
                {
                    DataRowAttribute[] rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                    if (rows.Length == 0)
                    {
                        yield return new object[] { type.FullName + "." + method.Name };
                    }
                    for (int i = 0; i < rows.Length; i++)
                    {
                        yield return new object[] { type.FullName + "." + method.Name + "#" + i };
                    }
                }
            }
        }

        private readonly ClassLifetime _lifetime;

        public PortableTestRunner(ClassLifetime lifetime) { _lifetime = lifetime; }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Run(string test)
        {
            int hash = test.IndexOf('#');
            string path = hash < 0 ? test : test.Substring(0, hash);
            int dot = path.LastIndexOf('.');
            Type type = TestClasses().Single(t => t.FullName == path.Substring(0, dot));
            MethodInfo method = type.GetMethod(path.Substring(dot + 1));
            object[] args = hash < 0
                ? Array.Empty<object>()
                : method.GetCustomAttributes<DataRowAttribute>().ElementAt(int.Parse(test.Substring(hash + 1))).MethodParameters;

            object instance = _lifetime.EnterClass(type);
            try
            {
                method.Invoke(method.IsStatic ? null : instance, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is SkipTestException skip)
            {
                // xunit 2 has no dynamic skip: a skipped portable test must never count as passed.
                throw new InvalidOperationException("Portable test asked to be skipped: " + skip.Message);
            }
            catch (TargetInvocationException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        private static IEnumerable<Type> TestClasses()
        {
            return typeof(PortableTestRunner).Assembly.GetTypes()
                .Where(t => t.IsDefined(typeof(TestClassAttribute)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
        }

        /// <summary>Runs each class's [Setup] once, before its first test, and its [Cleanup] at the end.</summary>
        public sealed class ClassLifetime : IDisposable
        {
            private readonly ConcurrentDictionary<Type, object> _entered = new ConcurrentDictionary<Type, object>();

            public object EnterClass(Type type)
            {
                return _entered.GetOrAdd(type, t =>
                {
                    object instance = t.IsAbstract ? null : Activator.CreateInstance(t);
                    foreach (MethodInfo setup in t.GetMethods().Where(m => m.IsDefined(typeof(SetupAttribute))))
                        setup.Invoke(setup.IsStatic ? null : instance, null);
                    return instance;
                });
            }

            public void Dispose()
            {
                foreach (KeyValuePair<Type, object> entered in _entered)
                    foreach (MethodInfo cleanup in entered.Key.GetMethods().Where(m => m.IsDefined(typeof(CleanupAttribute))))
                        cleanup.Invoke(cleanup.IsStatic ? null : entered.Value, null);
            }
        }
    }
}
