using System;
using System.Reflection;
using LinkKit.Nano.Ota;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>The one app entry point of this test assembly, as a vendor's app assembly would hold it.</summary>
    public sealed class SampleAppEntry : IAppEntry
    {
        public void Start(AppHost host)
        {
            host.ReportHealthy();
        }
    }

    /// <summary>Skipped by the search: an abstract class cannot be created.</summary>
    public abstract class AbstractAppEntry : IAppEntry
    {
        public abstract void Start(AppHost host);
    }

    /// <summary>
    /// Finding an app assembly's entry point by reflection (on nanoCLR as on .NET), and refusing bytes that are not an
    /// assembly. Loading a real app image needs a board: the runtime here loads only what it was started with.
    /// </summary>
    [TestClass]
    public class AppLoaderTests
    {
        [TestMethod]
        public void FindEntry_TheOneClassImplementingIAppEntry_Created()
        {
            string error;
            IAppEntry entry = AppLoader.FindEntry(Assembly.GetExecutingAssembly(), out error);
            Assert.IsNull(error, error);
            Assert.IsNotNull(entry);
            Assert.IsTrue(entry is SampleAppEntry);
        }

        [TestMethod]
        public void FindEntry_AnAssemblyWithoutOne_NullAndWhy()
        {
            string error;
            Assert.IsNull(AppLoader.FindEntry(typeof(ErrorCode).Assembly, out error));
            Assert.AreEqual("no class implements IAppEntry", error);
        }

        [TestMethod]
        public void Load_BytesThatAreNoAssembly_NullAndWhy()
        {
            byte[] garbage = new byte[256];
            for (int i = 0; i < garbage.Length; i++) garbage[i] = (byte)(i * 13 + 5);
            string error;
            Assert.IsNull(AppLoader.Load(garbage, out error));
            Assert.IsNotNull(error);
            Assert.ThrowsException(typeof(ArgumentNullException), () => AppLoader.Load(null, out error));
        }
    }
}
