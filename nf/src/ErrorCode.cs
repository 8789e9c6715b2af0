namespace LinkKit.Nano
{
    /// <summary>
    /// Runtime outcomes of SDK calls. Success is 0 (or a non-negative length for builders);
    /// failures are negative so one int carries both. Misuse (null argument, wrong state) throws instead.
    /// </summary>
    public static class ErrorCode
    {
        /// <summary>The call succeeded (or the message was queued for sending).</summary>
        public const int Ok = 0;

        /// <summary>The output does not fit in the destination buffer; nothing past its end was written.</summary>
        public const int BufferTooSmall = -1;

        /// <summary>The input is not well-formed (bad JSON, bad number, bad UTF-8, bad record...).</summary>
        public const int Malformed = -2;

        /// <summary>The JSON nesting is deeper than the configured limit.</summary>
        public const int DepthExceeded = -3;

        /// <summary>The value does not fit the requested type (e.g. 2^40 read as Int32).</summary>
        public const int OutOfRange = -4;

        /// <summary>The number is NaN or an infinity, which JSON cannot carry.</summary>
        public const int NotFinite = -5;

        /// <summary>The current JSON token is not of the requested kind (e.g. a number read from a string token).</summary>
        public const int WrongType = -6;

        /// <summary>The secret store holds no valid record: both slots are empty, missing or corrupt.</summary>
        public const int NoRecord = -40;

        /// <summary>Reading or writing a secret-store slot failed (file-system error); nothing is known about its content.</summary>
        public const int StorageFailed = -41;

        /// <summary>A secret-store slot was written but reading it back did not give the record just written.</summary>
        public const int StorageVerifyFailed = -42;

        /// <summary>The HTTP response is not well-formed (status line, header, Content-Length or chunk framing).</summary>
        public const int HttpMalformed = -50;

        /// <summary>The HTTP response ended (or the buffer holds only part of it) before its body was complete.</summary>
        public const int HttpTruncated = -51;

        /// <summary>The HTTP status is not 200 and the body carries no platform refusal code.</summary>
        public const int HttpStatusNotOk = -52;

        /// <summary>The platform refused the dynamic registration: its JSON <c>code</c> is not 200 (e.g. 6288, 6289, 6250, 460).</summary>
        public const int RegistrationRefused = -53;

        /// <summary>A registration reply lacks a required member (e.g. <c>data.deviceSecret</c>), or it is empty.</summary>
        public const int MissingField = -54;

        /// <summary>A registration reply names another product key or device name than the one registered.</summary>
        public const int IdentityMismatch = -55;

        /// <summary>The TCP/TLS connection could not be set up (DNS, connect, handshake or certificate check).</summary>
        public const int TlsConnectFailed = -56;

        /// <summary>Sending or receiving on an established TLS connection failed or timed out.</summary>
        public const int TlsIoFailed = -57;

        /// <summary>MQTT dynamic registration got no connection: CONNACK refused (e.g. dynamic registration not enabled,
        /// bad product secret), network or TLS failure, or the link dropped before the platform answered. Python reports
        /// this case as <c>DYNREG_AUTH_FAILED</c> (-0x301, <c>register</c>) or <c>DYNREG_AUTH_NWL_FAILED</c> (-0x302, <c>regnwl</c>).</summary>
        public const int RegistrationConnectFailed = -58;

        /// <summary>MQTT dynamic registration connected, but the platform pushed no <c>/ext/register</c> or
        /// <c>/ext/regnwl</c> within the reply timeout (Link SDK C: <c>STATE_DYNREGMQ_AUTH_TIMEOUT</c>).</summary>
        public const int RegistrationTimeout = -59;

        /// <summary>The client is not connected right now (it is connecting or reconnecting); nothing was sent.</summary>
        public const int NotConnected = -60;

        /// <summary>The MQTT topic is empty, contains a NUL character, has a wildcard where none is allowed
        /// (any '+' or '#' in a publish topic) or a malformed wildcard in a subscription filter; nothing was sent.</summary>
        public const int InvalidTopic = -61;

        /// <summary>The topic is longer than 128 characters (the platform's limit) or than the configured topic
        /// buffer capacity; nothing was sent.</summary>
        public const int TopicTooLong = -62;

        /// <summary>The payload is larger than the configured payload buffer capacity; nothing was sent.</summary>
        public const int PayloadTooLarge = -63;

        /// <summary>The QoS is not 0 or 1 (the platform supports no other); nothing was sent.</summary>
        public const int InvalidQos = -64;

        /// <summary>A fixed-size table (e.g. the subscription table) has no free entry; nothing was sent.</summary>
        public const int TableFull = -65;

        /// <summary>The configured number of QoS 1 publishes already await their PUBACK; nothing was sent.</summary>
        public const int InflightFull = -66;

        /// <summary>The MQTT transport refused or failed the operation (e.g. the link dropped during the call).</summary>
        public const int TransportFailed = -67;

        /// <summary>The identifier is not a property (or struct member, or parameter) declared in the thing model (TSL).</summary>
        public const int PropertyNotDeclared = -100;

        /// <summary>The event identifier is not declared in the thing model (TSL).</summary>
        public const int EventNotDeclared = -101;

        /// <summary>The service identifier is not declared in the thing model (TSL).</summary>
        public const int ServiceNotDeclared = -102;

        /// <summary>
        /// The value breaks its TSL specs: a number outside min/max, an enum value not declared, a bool other than
        /// 0/1, a text longer than its length, an array with more elements than its size, a negative date.
        /// </summary>
        public const int ValueOutOfRange = -103;

        /// <summary>The value's kind does not match the TSL data type (e.g. a text written to an int property).</summary>
        public const int TypeMismatch = -104;

        /// <summary>Every slot of the pending-request table is taken; nothing was sent (retry after replies or timeouts).</summary>
        public const int RequestTableFull = -105;

        /// <summary>No reply came before the request's deadline: reported as the reply code of a timed-out request.</summary>
        public const int RequestTimedOut = -106;

        /// <summary>The thing model (TSL) is not valid JSON or not shaped like a console export; the error text of ThingModel.TryLoad says what and where.</summary>
        public const int InvalidThingModel = -107;

        /// <summary>No pending call has this id (never received, already answered, or expired).</summary>
        public const int RequestNotPending = -108;

        /// <summary>Store-and-forward refused the post: the offline queue is full under <see cref="OfflineOverflow.RefuseNewest"/>, or the post alone exceeds it.</summary>
        public const int OfflineQueueFull = -109;

        /// <summary>The cloud has no upgrade for this device or module (a firmware query answered with empty data).</summary>
        public const int OtaNoJob = -120;

        /// <summary>The cloud's OTA message is not a success (a code other than 1000/200, or a message other than "success").</summary>
        public const int OtaRefused = -121;

        /// <summary>The downloaded file's digest is not the one the job names: nothing was activated.</summary>
        public const int OtaDigestMismatch = -122;

        /// <summary>The download did not complete: the server refused it (e.g. an expired URL: 403) or every retry failed.</summary>
        public const int OtaDownloadFailed = -123;

        /// <summary>The firmware sink could not store the bytes (flash full or failing).</summary>
        public const int OtaWriteFailed = -124;

        /// <summary>The download was cancelled (<c>OtaDownloader.Cancel</c>); its position is kept for a later resume.</summary>
        public const int OtaCancelled = -125;

        /// <summary>The cloud's device-log switch is off, or has not been heard yet since <c>EnableDeviceLog</c>: the log entry was not sent.</summary>
        public const int DeviceLogOff = -140;

        /// <summary>The bootstrap service answered with a code other than 200: no endpoint.</summary>
        public const int BootstrapRefused = -141;

        /// <summary>The constant's name, e.g. "NotConnected" for -60, or "Unknown" (nanoFramework prints constants as numbers).</summary>
        public static string GetName(int code)
        {
            switch (code)
            {
                case Ok: return "Ok";
                case BufferTooSmall: return "BufferTooSmall";
                case Malformed: return "Malformed";
                case DepthExceeded: return "DepthExceeded";
                case OutOfRange: return "OutOfRange";
                case NotFinite: return "NotFinite";
                case WrongType: return "WrongType";
                case NoRecord: return "NoRecord";
                case StorageFailed: return "StorageFailed";
                case StorageVerifyFailed: return "StorageVerifyFailed";
                case HttpMalformed: return "HttpMalformed";
                case HttpTruncated: return "HttpTruncated";
                case HttpStatusNotOk: return "HttpStatusNotOk";
                case RegistrationRefused: return "RegistrationRefused";
                case MissingField: return "MissingField";
                case IdentityMismatch: return "IdentityMismatch";
                case TlsConnectFailed: return "TlsConnectFailed";
                case TlsIoFailed: return "TlsIoFailed";
                case RegistrationConnectFailed: return "RegistrationConnectFailed";
                case RegistrationTimeout: return "RegistrationTimeout";
                case NotConnected: return "NotConnected";
                case InvalidTopic: return "InvalidTopic";
                case TopicTooLong: return "TopicTooLong";
                case PayloadTooLarge: return "PayloadTooLarge";
                case InvalidQos: return "InvalidQos";
                case TableFull: return "TableFull";
                case InflightFull: return "InflightFull";
                case TransportFailed: return "TransportFailed";
                case PropertyNotDeclared: return "PropertyNotDeclared";
                case EventNotDeclared: return "EventNotDeclared";
                case ServiceNotDeclared: return "ServiceNotDeclared";
                case ValueOutOfRange: return "ValueOutOfRange";
                case TypeMismatch: return "TypeMismatch";
                case RequestTableFull: return "RequestTableFull";
                case RequestTimedOut: return "RequestTimedOut";
                case InvalidThingModel: return "InvalidThingModel";
                case RequestNotPending: return "RequestNotPending";
                case OfflineQueueFull: return "OfflineQueueFull";
                case OtaNoJob: return "OtaNoJob";
                case OtaRefused: return "OtaRefused";
                case OtaDigestMismatch: return "OtaDigestMismatch";
                case OtaDownloadFailed: return "OtaDownloadFailed";
                case OtaWriteFailed: return "OtaWriteFailed";
                case OtaCancelled: return "OtaCancelled";
                case DeviceLogOff: return "DeviceLogOff";
                case BootstrapRefused: return "BootstrapRefused";
                default: return "Unknown";
            }
        }
    }
}
