using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests
{
    [TestClass]
    public class ErrorCodeTests
    {
        [TestMethod]
        public void Failures_are_negative_and_distinct()
        {
            int[] codes = new int[] { ErrorCode.BufferTooSmall, ErrorCode.Malformed, ErrorCode.DepthExceeded, ErrorCode.OutOfRange, ErrorCode.NotFinite, ErrorCode.WrongType,
                ErrorCode.NoRecord, ErrorCode.StorageFailed, ErrorCode.StorageVerifyFailed,
                ErrorCode.HttpMalformed, ErrorCode.HttpTruncated, ErrorCode.HttpStatusNotOk, ErrorCode.RegistrationRefused,
                ErrorCode.MissingField, ErrorCode.IdentityMismatch, ErrorCode.TlsConnectFailed, ErrorCode.TlsIoFailed,
                ErrorCode.RegistrationConnectFailed, ErrorCode.RegistrationTimeout,
                ErrorCode.NotConnected, ErrorCode.InvalidTopic, ErrorCode.TopicTooLong, ErrorCode.PayloadTooLarge, ErrorCode.InvalidQos,
                ErrorCode.TableFull, ErrorCode.InflightFull, ErrorCode.TransportFailed,
                ErrorCode.PropertyNotDeclared, ErrorCode.EventNotDeclared, ErrorCode.ServiceNotDeclared, ErrorCode.ValueOutOfRange,
                ErrorCode.TypeMismatch, ErrorCode.RequestTableFull, ErrorCode.RequestTimedOut, ErrorCode.InvalidThingModel,
                ErrorCode.RequestNotPending };
            for (int i = 0; i < codes.Length; i++)
            {
                Assert.IsTrue(codes[i] < 0);
                for (int j = i + 1; j < codes.Length; j++) Assert.AreNotEqual(codes[i], codes[j]);
            }
        }
    }
}
