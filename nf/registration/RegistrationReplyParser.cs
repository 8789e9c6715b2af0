using System;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// Reads the platform's answers to dynamic registration into a <see cref="RegistrationReply"/>, allocating nothing:
    /// <code>
    /// HTTPS         {"code":200,"data":{"productKey":…,"deviceName":…,"deviceSecret":…},"message":"success"}
    ///               refusal {"code":6289,"message":…} (docs/protocol.md, Dynamic registration)
    /// /ext/register {"productKey":…,"deviceName":…,"deviceSecret":…}
    /// /ext/regnwl   {"productKey":…,"deviceName":…,"clientId":…,"deviceToken":…}
    /// </code>
    /// Members may come in any order; unknown members are skipped; a productKey or deviceName that is present must be
    /// the device's own.
    /// </summary>
    /// <remarks>Not thread-safe: one JSON reader is reused.</remarks>
    internal sealed class RegistrationReplyParser
    {
        /// <summary>The topic on which the platform pushes the device secret after an MQTT <c>register</c> CONNECT.</summary>
        public const string RegisterTopic = "/ext/register";

        /// <summary>The topic on which the platform pushes clientId and deviceToken after an MQTT <c>regnwl</c> CONNECT.</summary>
        public const string RegnwlTopic = "/ext/regnwl";

        private const int SuccessCode = 200;
        private const string DeviceSecretMember = "deviceSecret";
        private const string DeviceTokenMember = "deviceToken";

        private readonly JsonReader _json = new JsonReader(16);

        /// <summary>
        /// Frames an HTTP response (<see cref="HttpResponseFraming"/>) and reads its JSON body.
        /// </summary>
        /// <param name="endOfStream">True once the peer has closed the connection.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> with the device secret in <paramref name="reply"/>;
        /// <see cref="ErrorCode.HttpTruncated"/> (read more, or the response was cut); <see cref="ErrorCode.HttpMalformed"/>;
        /// <see cref="ErrorCode.RegistrationRefused"/> (a well-formed JSON body with a code other than 200, whatever the
        /// HTTP status: <see cref="RegistrationReply.Code"/> and the message are kept, no credential);
        /// <see cref="ErrorCode.HttpStatusNotOk"/> (HTTP status not 200 and no refusal code);
        /// <see cref="ErrorCode.Malformed"/> (the body is not one JSON object); <see cref="ErrorCode.MissingField"/>
        /// (no code, or no non-empty <c>data.deviceSecret</c> string); <see cref="ErrorCode.IdentityMismatch"/>;
        /// <see cref="ErrorCode.BufferTooSmall"/> (secret longer than <see cref="RegistrationReply.SecretCapacity"/>).
        /// On failure the reply holds no credential.
        /// </returns>
        /// <remarks>A chunked body is joined in place in <paramref name="buffer"/>, so parse a complete response once.</remarks>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public int ParseHttps(byte[] buffer, int offset, int count, bool endOfStream, string productKey, string deviceName, RegistrationReply reply)
        {
            CheckArguments(productKey, deviceName, reply);
            reply.Clear();
            int status;
            int bodyOffset;
            int bodyLength;
            int rc = HttpResponseFraming.Frame(buffer, offset, count, endOfStream, out status, out bodyOffset, out bodyLength);
            reply.HttpStatus = status;
            if (rc != ErrorCode.Ok) return rc;
            return ParseHttpsBody(status, buffer, bodyOffset, bodyLength, productKey, deviceName, reply);
        }

        /// <summary>
        /// Reads the JSON body of an HTTPS registration response already framed (<see cref="HttpsExchange"/>) that came
        /// with HTTP status <paramref name="status"/>. Results as <see cref="ParseHttps"/> past the framing.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public int ParseHttpsBody(int status, byte[] buffer, int bodyOffset, int bodyLength, string productKey, string deviceName, RegistrationReply reply)
        {
            CheckArguments(productKey, deviceName, reply);
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (bodyOffset < 0 || bodyLength < 0 || bodyLength > buffer.Length - bodyOffset) throw new ArgumentOutOfRangeException("bodyLength");
            reply.Clear();
            reply.HttpStatus = status;
            bool hasCode;
            int rc = ReadMembers(buffer, bodyOffset, bodyLength, productKey, deviceName, reply, DeviceSecretMember, true, out hasCode);
            if (rc == ErrorCode.Malformed) return Fail(reply, status, status == 200 ? ErrorCode.Malformed : ErrorCode.HttpStatusNotOk);
            if (hasCode && reply.Code != SuccessCode)
            {
                reply.WipeCredential();
                return ErrorCode.RegistrationRefused;
            }
            if (status != 200) return Fail(reply, status, ErrorCode.HttpStatusNotOk);
            if (rc != ErrorCode.Ok) return Fail(reply, status, rc);
            if (!hasCode || reply._secretLength == 0) return Fail(reply, status, ErrorCode.MissingField);
            reply.Kind = RegistrationKind.DeviceSecret;
            return ErrorCode.Ok;
        }

        /// <summary>Reads an <c>/ext/register</c> payload.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> with the device secret; <see cref="ErrorCode.Malformed"/>;
        /// <see cref="ErrorCode.MissingField"/> (no non-empty deviceSecret string); <see cref="ErrorCode.IdentityMismatch"/>;
        /// <see cref="ErrorCode.BufferTooSmall"/>. On failure the reply holds no credential.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="payload"/>.</exception>
        public int ParseRegister(byte[] payload, int offset, int count, string productKey, string deviceName, RegistrationReply reply)
        {
            return ParseMqtt(payload, offset, count, productKey, deviceName, reply, false);
        }

        /// <summary>Reads an <c>/ext/regnwl</c> payload.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> with clientId and device token; <see cref="ErrorCode.Malformed"/>;
        /// <see cref="ErrorCode.MissingField"/> (no non-empty clientId or deviceToken string); <see cref="ErrorCode.IdentityMismatch"/>;
        /// <see cref="ErrorCode.BufferTooSmall"/>. On failure the reply holds no credential.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="payload"/>.</exception>
        public int ParseRegnwl(byte[] payload, int offset, int count, string productKey, string deviceName, RegistrationReply reply)
        {
            return ParseMqtt(payload, offset, count, productKey, deviceName, reply, true);
        }

        private int ParseMqtt(byte[] payload, int offset, int count, string productKey, string deviceName, RegistrationReply reply, bool whitelistFree)
        {
            CheckArguments(productKey, deviceName, reply);
            if (payload == null) throw new ArgumentNullException("payload");
            if (offset < 0 || count < 0 || count > payload.Length - offset) throw new ArgumentOutOfRangeException("count");
            reply.Clear();
            bool hasCode;
            int rc = ReadMembers(payload, offset, count, productKey, deviceName, reply, whitelistFree ? DeviceTokenMember : DeviceSecretMember, false, out hasCode);
            if (rc != ErrorCode.Ok) return Fail(reply, 0, rc);
            if (reply._secretLength == 0 || (whitelistFree && reply._clientIdLength == 0)) return Fail(reply, 0, ErrorCode.MissingField);
            reply.Kind = whitelistFree ? RegistrationKind.DeviceToken : RegistrationKind.DeviceSecret;
            return ErrorCode.Ok;
        }

        private static int Fail(RegistrationReply reply, int status, int rc)
        {
            reply.Clear();
            reply.HttpStatus = status;
            return rc;
        }

        // Reads one JSON object: "code" and "message" at its root, the credential members at its root (MQTT) or in
        // its "data" object (HTTPS); skips everything else. Returns Malformed when the bytes are not exactly one JSON
        // object, else the first field problem (reading goes on, so a refusal code after it is still seen).
        private int ReadMembers(byte[] buffer, int offset, int count, string productKey, string deviceName, RegistrationReply reply,
            string secretName, bool credentialsInData, out bool hasCode)
        {
            hasCode = false;
            JsonReader json = _json;
            json.Reset(buffer, offset, count);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            int problem = ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                int rc;
                if (json.ValueEquals("code"))
                {
                    rc = ReadCode(json, reply, out hasCode);
                }
                else if (json.ValueEquals("message"))
                {
                    rc = ReadMessage(json, reply);
                }
                else if (credentialsInData && json.ValueEquals("data"))
                {
                    rc = ReadData(json, productKey, deviceName, reply, secretName);
                }
                else if (!credentialsInData)
                {
                    rc = ReadCredentialMember(json, productKey, deviceName, reply, secretName);
                }
                else
                {
                    rc = json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
                }
                if (json.Error != ErrorCode.Ok) return ErrorCode.Malformed;
                if (problem == ErrorCode.Ok) problem = rc;
            }
            // The root object must have closed, with nothing but whitespace after it.
            if (json.Error != ErrorCode.Ok || json.TokenType != JsonTokenType.EndObject || json.Read() || json.Error != ErrorCode.Ok)
            {
                return ErrorCode.Malformed;
            }
            return problem;
        }

        private static int ReadCode(JsonReader json, RegistrationReply reply, out bool hasCode)
        {
            hasCode = false;
            int code;
            if (!json.Read()) return ErrorCode.Malformed;
            if (json.TokenType != JsonTokenType.Number || json.TryGetInt32(out code) != ErrorCode.Ok)
            {
                return json.Skip() ? ErrorCode.MissingField : ErrorCode.Malformed;
            }
            reply.Code = code;
            hasCode = true;
            return ErrorCode.Ok;
        }

        private static int ReadMessage(JsonReader json, RegistrationReply reply)
        {
            if (!json.Read()) return ErrorCode.Malformed;
            if (json.TokenType != JsonTokenType.String) return json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
            int n = json.CopyString(reply._message, 0, reply._message.Length);
            reply._messageLength = n > 0 ? n : 0;   // a message too long to keep is dropped; the code still tells
            return ErrorCode.Ok;
        }

        private static int ReadData(JsonReader json, string productKey, string deviceName, RegistrationReply reply, string secretName)
        {
            if (!json.Read()) return ErrorCode.Malformed;
            if (json.TokenType != JsonTokenType.StartObject) return json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
            int problem = ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                int rc = ReadCredentialMember(json, productKey, deviceName, reply, secretName);
                if (problem == ErrorCode.Ok) problem = rc;
            }
            return json.Error != ErrorCode.Ok ? ErrorCode.Malformed : problem;
        }

        // On a member name: checks productKey/deviceName, copies the secret member and clientId, skips the rest.
        private static int ReadCredentialMember(JsonReader json, string productKey, string deviceName, RegistrationReply reply, string secretName)
        {
            int member = json.ValueEquals("productKey") ? 1 : json.ValueEquals("deviceName") ? 2
                : json.ValueEquals(secretName) ? 3 : json.ValueEquals("clientId") ? 4 : 0;
            if (!json.Read()) return ErrorCode.Malformed;
            if (member == 0) return json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
            if (json.TokenType != JsonTokenType.String) return json.Skip() ? ErrorCode.MissingField : ErrorCode.Malformed;
            if (member == 1) return json.ValueEquals(productKey) ? ErrorCode.Ok : ErrorCode.IdentityMismatch;
            if (member == 2) return json.ValueEquals(deviceName) ? ErrorCode.Ok : ErrorCode.IdentityMismatch;
            if (member == 3)
            {
                int n = json.CopyString(reply._secret, 0, reply._secret.Length);
                if (n < 0) return ErrorCode.BufferTooSmall;
                reply._secretLength = n;
                return ErrorCode.Ok;
            }
            int c = json.CopyString(reply._clientId, 0, reply._clientId.Length);
            if (c < 0) return ErrorCode.BufferTooSmall;
            reply._clientIdLength = c;
            return ErrorCode.Ok;
        }

        private static void CheckArguments(string productKey, string deviceName, RegistrationReply reply)
        {
            if (productKey == null) throw new ArgumentNullException("productKey");
            if (deviceName == null) throw new ArgumentNullException("deviceName");
            if (reply == null) throw new ArgumentNullException("reply");
        }
    }
}
