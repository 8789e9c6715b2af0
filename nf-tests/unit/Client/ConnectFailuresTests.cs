using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class ConnectFailuresTests
    {
        [TestMethod]
        [DataRow(10061, true, ConnectResult.NetworkError)]   // refused: TCP, before TLS
        [DataRow(10060, true, ConnectResult.NetworkError)]   // timed out
        [DataRow(11001, true, ConnectResult.NetworkError)]   // host not found
        [DataRow(10051, false, ConnectResult.NetworkError)]
        [DataRow(-1, true, ConnectResult.TlsFailure)]        // older firmware's failed handshake
        [DataRow(10054, true, ConnectResult.TlsFailure)]     // reset during the handshake
        [DataRow(10054, false, ConnectResult.NetworkError)]  // no TLS: always the network
        public void SocketError_TlsOnlyWhenNotATcpFailure(int code, bool useTls, int expected)
        {
            Assert.AreEqual(expected, ConnectFailures.FromSocketError(code, useTls));
        }

        [TestMethod]
        public void MissingConnack_TimeoutOnlyAfterTheWholeWait()
        {
            Assert.AreEqual(ConnectResult.Timeout, ConnectFailures.FromMissingConnack(30000, 30000, false));
            Assert.AreEqual(ConnectResult.Timeout, ConnectFailures.FromMissingConnack(29500, 30000, false));
            Assert.AreEqual(ConnectResult.NetworkError, ConnectFailures.FromMissingConnack(1200, 30000, false)); // send failed
            Assert.AreEqual(ConnectResult.NetworkError, ConnectFailures.FromMissingConnack(30000, 30000, true)); // broker closed
        }
    }
}
