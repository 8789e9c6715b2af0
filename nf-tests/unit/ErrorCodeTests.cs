using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests
{
    /// <summary>
    /// Names for the SDK's code spaces (nanoFramework prints constants as numbers). That every ErrorCode constant is
    /// negative, distinct and named is checked over all of them by reflection on the host (ErrorCodeNamesTests).
    /// </summary>
    [TestClass]
    public class ErrorCodeTests
    {
        [TestMethod]
        [DataRow(0, "Ok")]
        [DataRow(-1, "BufferTooSmall")]
        [DataRow(-60, "NotConnected")]
        [DataRow(-108, "RequestNotPending")]
        [DataRow(-109, "OfflineQueueFull")]
        [DataRow(-140, "DeviceLogOff")]
        [DataRow(-7, "Unknown")]
        [DataRow(1, "Unknown")]
        public void ErrorCode_GetName(int code, string expected)
        {
            Assert.AreEqual(expected, ErrorCode.GetName(code));
        }

        [TestMethod]
        [DataRow(0, "Accepted")]
        [DataRow(6, "TlsFailure")]
        [DataRow(10, "RegistrationFailed")]
        [DataRow(11, "Unknown")]
        [DataRow(-1, "Unknown")]
        public void ConnectResult_GetName(int result, string expected)
        {
            Assert.AreEqual(expected, ConnectResult.GetName(result));
        }

        [TestMethod]
        [DataRow(0, "Requested")]
        [DataRow(1, "ConnectionLost")]
        [DataRow(2, "Redirected")]
        [DataRow(3, "Unknown")]
        public void DisconnectReason_GetName(int reason, string expected)
        {
            Assert.AreEqual(expected, DisconnectReason.GetName(reason));
        }
    }
}
