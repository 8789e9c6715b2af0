using System;
using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework (same names and overloads). A test passes when it
    /// does not throw; a failed assertion throws <see cref="AssertFailedException"/>.
    /// </summary>
    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(bool notExpected, bool actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(byte expected, byte actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(byte notExpected, byte actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(char expected, char actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(char notExpected, char actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(short expected, short actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(short notExpected, short actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(ushort expected, ushort actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(int expected, int actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(int notExpected, int actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(uint expected, uint actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(uint notExpected, uint actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(long expected, long actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(long notExpected, long actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(ulong expected, ulong actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(float expected, float actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(float notExpected, float actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(double expected, double actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(double notExpected, double actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(string expected, string actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(string notExpected, string actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") { if (!(expected == actual)) Fail("AreEqual", Show(expected), Show(actual), message); }
        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "") { if (notExpected == actual) Fail("AreNotEqual", Show(notExpected), Show(actual), message); }
        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!(expected == null ? actual == null : expected.Equals(actual))) Fail("AreEqual", Show(expected), Show(actual), message);
        }

        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            if (notExpected == null ? actual == null : notExpected.Equals(actual)) Fail("AreNotEqual", Show(notExpected), Show(actual), message);
        }

        public static void AreSame(object expected, object actual, string message = "") { if (!ReferenceEquals(expected, actual)) Fail("AreSame", Show(expected), Show(actual), message); }

        public static void AreNotSame(object notExpected, object actual, string message = "") { if (ReferenceEquals(notExpected, actual)) Fail("AreNotSame", Show(notExpected), Show(actual), message); }

        public static void IsTrue(bool condition, string message = "") { if (!condition) Fail("IsTrue", "true", "false", message); }

        public static void IsFalse(bool condition, string message = "") { if (condition) Fail("IsFalse", "false", "true", message); }

        public static void IsNull(object value, string message = "") { if (value != null) Fail("IsNull", "null", Show(value), message); }

        public static void IsNotNull(object value, string message = "") { if (value == null) Fail("IsNotNull", "not null", "null", message); }

        public static void IsInstanceOfType(object value, Type expectedType, string message = "")
        {
            if (value == null || !expectedType.IsInstanceOfType(value)) Fail("IsInstanceOfType", expectedType.FullName, value == null ? "null" : value.GetType().FullName, message);
        }

        public static void IsNotInstanceOfType(object value, Type wrongType, string message = "")
        {
            if (value != null && wrongType.IsInstanceOfType(value)) Fail("IsNotInstanceOfType", wrongType.FullName, value.GetType().FullName, message);
        }

        public static void Contains(string expected, string actual, string message = "")
        {
            if (actual == null || expected == null || actual.IndexOf(expected) < 0) Fail("Contains", Show(expected), Show(actual), message);
        }

        public static void DoesNotContains(string expected, string actual, string message = "")
        {
            if (actual != null && expected != null && actual.IndexOf(expected) >= 0) Fail("DoesNotContains", Show(expected), Show(actual), message);
        }

        public static void StartsWith(string expected, string actual, string message = "")
        {
            if (actual == null || expected == null || !actual.StartsWith(expected)) Fail("StartsWith", Show(expected), Show(actual), message);
        }

        public static void EndsWith(string expected, string actual, string message = "")
        {
            if (actual == null || expected == null || !actual.EndsWith(expected)) Fail("EndsWith", Show(expected), Show(actual), message);
        }

        /// <summary>Passes only when <paramref name="action"/> throws exactly <paramref name="exceptionType"/>.</summary>
        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() != exceptionType) Fail("ThrowsException", exceptionType.FullName, e.GetType().FullName + ": " + e.Message, message);
                return;
            }

            Fail("ThrowsException", exceptionType.FullName, "no exception", message);
        }

        public static void SkipTest(string message = "") { throw new SkipTestException(message); }

        private static string Show(object value) { return value == null ? "null" : "<" + value.ToString() + ">"; }

        private static void Fail(string assertion, string expected, string actual, string message)
        {
            throw new AssertFailedException("Assert." + assertion + " failed. Expected: " + expected + ". Actual: " + actual + ". " + message);
        }
    }

    /// <summary>Element-wise comparison of collections (arrays included).</summary>
    public static class CollectionAssert
    {
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string why = Compare(expected, actual);
            if (why != null) throw new AssertFailedException("CollectionAssert.AreEqual failed: " + why + ". " + message);
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Compare(notExpected, actual) == null) throw new AssertFailedException("CollectionAssert.AreNotEqual failed. " + message);
        }

        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0) throw new AssertFailedException("CollectionAssert.Empty failed. " + message);
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0) throw new AssertFailedException("CollectionAssert.NotEmpty failed. " + message);
        }

        private static string Compare(ICollection expected, ICollection actual)
        {
            if (expected == null || actual == null) return expected == actual ? null : "one collection is null";
            if (expected.Count != actual.Count) return "count " + expected.Count + " != " + actual.Count;
            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!(e.Current == null ? a.Current == null : e.Current.Equals(a.Current)))
                    return "element " + index + ": <" + e.Current + "> != <" + a.Current + ">";
                index++;
            }

            return null;
        }
    }
}
