using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// The platform's HTTPS bootstrap service as an <see cref="IEndpointResolver"/> (docs/protocol.md, Field services / Bootstrap): one
    /// TLS connection to <c>iot-auth-global.aliyuncs.com:443</c>, one form POST, the MQTT host and port read from the
    /// answer.
    /// <code>
    /// POST /auth/bootstrap HTTP/1.1
    /// Host: iot-auth-global.aliyuncs.com
    /// Content-Type: application/x-www-form-urlencoded
    /// Content-Length: 80
    /// Connection: close
    ///
    /// productKey=a1B2c3D4e5F&amp;deviceName=device01&amp;clientId=a1B2c3D4e5F.device01&amp;resources=mqtt
    /// </code>
    /// answered <c>{"code":200,"data":{"resources":{"mqtt":{"host":"…","port":1883}}},"message":"success"}</c>.
    /// <code>
    /// options.EndpointResolver = new HttpsBootstrap(new SslStreamConnector());   // used after a bootstrap notice
    /// </code>
    /// </summary>
    /// <remarks>
    /// One buffer of <see cref="BufferSize"/> bytes, allocated here, holds the request and then the response (the same
    /// exchange as HTTPS registration: <see cref="HttpsExchange"/>). A resolve allocates the request's identity bytes
    /// and the host string it returns. Not thread-safe; the client calls it from its connection thread.
    /// </remarks>
    public sealed class HttpsBootstrap : IEndpointResolver
    {
        /// <summary>The platform's bootstrap host (every region).</summary>
        public const string GlobalHost = "iot-auth-global.aliyuncs.com";

        /// <summary>The request/response buffer size: the answer is a few hundred bytes of headers and JSON.</summary>
        public const int BufferSize = 1536;

        private const int SuccessCode = 200;

        private static readonly byte[] s_path = Utf8.ToArray("/auth/bootstrap");
        private static readonly byte[] s_productKey = Utf8.ToArray("productKey=");
        private static readonly byte[] s_deviceName = Utf8.ToArray("&deviceName=");
        private static readonly byte[] s_clientId = Utf8.ToArray("&clientId=");
        private static readonly byte[] s_dot = Utf8.ToArray(".");
        private static readonly byte[] s_resources = Utf8.ToArray("&resources=mqtt");

        private readonly ITlsConnector _connector;
        private readonly string _host;
        private readonly int _port;
        private readonly string _caPem;
        private readonly byte[] _hostHeader;
        private readonly byte[] _buffer = new byte[BufferSize];
        private readonly JsonReader _json = new JsonReader(8);

        /// <summary>The platform's service (<see cref="GlobalHost"/>, port 443, <see cref="AliyunRootCertificates.Pem"/>).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="connector"/> is null.</exception>
        public HttpsBootstrap(ITlsConnector connector)
            : this(connector, GlobalHost, HttpsRegistration.DefaultPort, AliyunRootCertificates.Pem)
        {
        }

        /// <summary>A bootstrap service at <paramref name="host"/>:<paramref name="port"/> (an emulator's, or another site's).</summary>
        /// <param name="caPem">The trusted roots (PEM bundle).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1-65535.</exception>
        public HttpsBootstrap(ITlsConnector connector, string host, int port, string caPem)
        {
            if (connector == null) throw new ArgumentNullException("connector");
            if (host == null) throw new ArgumentNullException("host");
            if (caPem == null) throw new ArgumentNullException("caPem");
            if (host.Length == 0) throw new ArgumentException("empty", "host");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port");
            _connector = connector;
            _host = host;
            _port = port;
            _caPem = caPem;
            _hostHeader = Utf8.ToArray(HttpFormPost.HostHeader(host, port));
        }

        /// <summary>The HTTP status of the last answer (0 before its status line).</summary>
        public int HttpStatus { get; private set; }

        /// <summary>The service's JSON <c>code</c> in the last answer (200 on success), 0 when absent.</summary>
        public int Code { get; private set; }

        /// <inheritdoc/>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public int Resolve(LinkKitClient client, out string host, out int port)
        {
            if (client == null) throw new ArgumentNullException("client");
            int rc = Resolve(client.ProductKey, client.DeviceName, out host, out port);
            if (rc != ErrorCode.Ok && client.IsLogging(LogLevel.Warning))
            {
                client.Log(LogLevel.Warning, "bootstrap failed: " + ErrorCode.GetName(rc) + " (HTTP " + HttpStatus + ", code " + Code + ")");
            }

            return rc;
        }

        /// <summary>Asks the service for the MQTT endpoint of device <paramref name="productKey"/>/<paramref name="deviceName"/>.</summary>
        /// <param name="host">On success the MQTT host (the answer's <c>host</c>, else its <c>ip</c>); otherwise null.</param>
        /// <param name="port">On success the MQTT port; otherwise 0.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BootstrapRefused"/> (a code other than 200: <see cref="Code"/>);
        /// <see cref="ErrorCode.HttpStatusNotOk"/> (HTTP status not 200 and no code); <see cref="ErrorCode.MissingField"/>
        /// (no code, or no host or port 1-65535); <see cref="ErrorCode.Malformed"/> (the body is not one JSON object);
        /// <see cref="ErrorCode.TlsConnectFailed"/>; <see cref="ErrorCode.TlsIoFailed"/>; <see cref="ErrorCode.BufferTooSmall"/>;
        /// <see cref="ErrorCode.HttpMalformed"/>; <see cref="ErrorCode.HttpTruncated"/>.
        /// </returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public int Resolve(string productKey, string deviceName, out string host, out int port)
        {
            if (productKey == null) throw new ArgumentNullException("productKey");
            if (deviceName == null) throw new ArgumentNullException("deviceName");
            host = null;
            port = 0;
            HttpStatus = 0;
            Code = 0;
            int length = WriteRequest(Utf8.ToArray(productKey), Utf8.ToArray(deviceName), _buffer, 0, _buffer.Length);
            if (length < 0) return length;

            int status, bodyOffset, bodyLength;
            int rc = HttpsExchange.Run(_connector, _host, _port, _caPem, _buffer, length, out status, out bodyOffset, out bodyLength);
            HttpStatus = status;
            if (rc != ErrorCode.Ok) return rc;
            int code;
            bool hasCode;
            rc = ReadAnswer(_buffer, bodyOffset, bodyLength, out hasCode, out code, out host, out port);
            Code = code;
            if (rc == ErrorCode.Malformed) rc = status == 200 ? ErrorCode.Malformed : ErrorCode.HttpStatusNotOk;
            else if (hasCode && code != SuccessCode) rc = ErrorCode.BootstrapRefused;
            else if (status != 200) rc = ErrorCode.HttpStatusNotOk;
            if (rc != ErrorCode.Ok)
            {
                host = null;
                port = 0;
            }

            return rc;
        }

        /// <summary>Writes the request for the given identity (UTF-8).</summary>
        /// <returns>Its length; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        internal int WriteRequest(byte[] productKey, byte[] deviceName, byte[] buffer, int offset, int count)
        {
            int pk = FormUrlEncoding.GetEncodedLength(productKey, 0, productKey.Length);
            int dn = FormUrlEncoding.GetEncodedLength(deviceName, 0, deviceName.Length);
            int body = s_productKey.Length + pk + s_deviceName.Length + dn + s_clientId.Length + pk + s_dot.Length + dn + s_resources.Length;
            int head = HttpFormPost.WriteHead(s_path, _hostHeader, body, buffer, offset, count);
            if (head < 0) return head;
            int end = offset + count;
            int p = HttpFormPost.Append(s_productKey, buffer, offset + head);
            p += FormUrlEncoding.Encode(productKey, 0, productKey.Length, buffer, p, end - p);
            p = HttpFormPost.Append(s_deviceName, buffer, p);
            p += FormUrlEncoding.Encode(deviceName, 0, deviceName.Length, buffer, p, end - p);
            p = HttpFormPost.Append(s_clientId, buffer, p);
            p += FormUrlEncoding.Encode(productKey, 0, productKey.Length, buffer, p, end - p);
            p = HttpFormPost.Append(s_dot, buffer, p);
            p += FormUrlEncoding.Encode(deviceName, 0, deviceName.Length, buffer, p, end - p);
            p = HttpFormPost.Append(s_resources, buffer, p);
            return p - offset;
        }

        /// <summary>
        /// Reads <c>{"code":200,"data":{"resources":{"mqtt":{"host":"…","port":N}}},…}</c>, members in any order, others
        /// skipped; the port may be a number or a string holding one.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/> (a code, a host and a port found; the code is the caller's to check);
        /// <see cref="ErrorCode.MissingField"/>; <see cref="ErrorCode.Malformed"/>.</returns>
        internal int ReadAnswer(byte[] buffer, int offset, int count, out bool hasCode, out int code, out string host, out int port)
        {
            hasCode = false;
            code = 0;
            host = null;
            port = 0;
            string ip = null;
            JsonReader json = _json;
            json.Reset(buffer, offset, count);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueEquals("code"))
                {
                    if (!json.Read()) return ErrorCode.Malformed;
                    if (json.TryGetInt32FromNumberOrString(out code) == ErrorCode.Ok)
                    {
                        hasCode = true;
                    }
                    else if (!json.Skip())
                    {
                        return ErrorCode.Malformed;
                    }
                }
                else if (json.ValueEquals("data"))
                {
                    if (!ReadData(json, ref host, ref ip, ref port)) return ErrorCode.Malformed;
                }
                else if (!json.Skip())
                {
                    return ErrorCode.Malformed;
                }
            }

            // The root object must have closed, with nothing but whitespace after it.
            if (json.Error != ErrorCode.Ok || json.TokenType != JsonTokenType.EndObject || json.Read() || json.Error != ErrorCode.Ok)
            {
                return ErrorCode.Malformed;
            }

            if (host == null || host.Length == 0) host = ip;
            if (!hasCode || host == null || host.Length == 0 || port < 1 || port > 65535) return ErrorCode.MissingField;
            return ErrorCode.Ok;
        }

        // data → resources → mqtt, each an object (anything else is skipped); false when the JSON breaks.
        private static bool ReadData(JsonReader json, ref string host, ref string ip, ref int port)
        {
            if (!EnterObject(json)) return json.Error == ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (!json.ValueEquals("resources"))
                {
                    if (!json.Skip()) return false;
                    continue;
                }

                if (!EnterObject(json))
                {
                    if (json.Error != ErrorCode.Ok) return false;
                    continue;
                }

                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    if (!json.ValueEquals("mqtt"))
                    {
                        if (!json.Skip()) return false;
                        continue;
                    }

                    if (!EnterObject(json))
                    {
                        if (json.Error != ErrorCode.Ok) return false;
                        continue;
                    }

                    if (!ReadMqtt(json, ref host, ref ip, ref port)) return false;
                }

                if (json.Error != ErrorCode.Ok) return false;
            }

            return json.Error == ErrorCode.Ok;
        }

        private static bool ReadMqtt(JsonReader json, ref string host, ref string ip, ref int port)
        {
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                int member = json.ValueEquals("host") ? 1 : json.ValueEquals("ip") ? 2 : json.ValueEquals("port") ? 3 : 0;
                if (!json.Read()) return false;
                if (member == 3)
                {
                    long value;
                    if (json.TryGetInt64FromNumberOrString(out value) == ErrorCode.Ok && value >= 1 && value <= 65535) port = (int)value;
                }
                else if (member != 0 && json.TokenType == JsonTokenType.String)
                {
                    if (member == 1) host = json.GetString();
                    else ip = json.GetString();
                }

                if (!json.Skip()) return false;
            }

            return json.Error == ErrorCode.Ok;
        }

        // Reads a member's value: true on StartObject; otherwise skips it and returns false (Error tells a break).
        private static bool EnterObject(JsonReader json)
        {
            if (!json.Read()) return false;
            if (json.TokenType == JsonTokenType.StartObject) return true;
            json.Skip();
            return false;
        }
    }
}
