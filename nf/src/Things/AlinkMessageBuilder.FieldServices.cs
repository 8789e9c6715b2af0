using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Things
{
    // The field-service requests (docs/protocol.md, Field services), in the envelope of the other requests:
    // desired get  {"id":"1","version":"1.0","params":["power","temp"],"method":"thing.property.desired.get"}
    // desired del. {"id":"2","version":"1.0","params":{"power":{"version":3},"temp":{}},"method":"thing.property.desired.delete"}
    // log post     {"id":"3","version":"1.0","params":[{"utcTime":"2026-12-06T05:30:00.123Z","logLevel":"INFO","module":"m",
    //              "code":"c","traceContext":"t","logContent":"…"}],"method":"thing.log.post"}
    // log switch   {"id":"4","version":"1.0","params":{"configScope":"device","getType":"content"},"method":"thing.config.log.get"}
    internal sealed partial class AlinkMessageBuilder
    {
        private const string DesiredGetMethod = "thing.property.desired.get";
        private const string DesiredDeleteMethod = "thing.property.desired.delete";
        private const string LogPostMethod = "thing.log.post";
        private const string LogSwitchGetMethod = "thing.config.log.get";

        /// <summary>Writes a desired-properties query for the first <paramref name="identifierCount"/> identifiers (checked by the caller).</summary>
        public int WriteDesiredGet(long requestId, string[] identifiers, int identifierCount, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _open = None;
            _json.WriteStartArray();
            for (int i = 0; i < identifierCount; i++) _json.WriteString(identifiers[i]);
            return EndArrayRequest(DesiredGetMethod);
        }

        /// <summary>
        /// Writes a desired-properties deletion: one member per identifier, <c>{"version":N}</c> when
        /// <paramref name="versions"/> gives one (≥ 0) for it, else <c>{}</c> (checked by the caller).
        /// </summary>
        public int WriteDesiredDelete(long requestId, string[] identifiers, long[] versions, int identifierCount, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _open = None;
            _json.WriteStartObject();
            for (int i = 0; i < identifierCount; i++)
            {
                _json.WritePropertyName(identifiers[i]);
                _json.WriteStartObject();
                if (versions != null && versions[i] >= 0) _json.WriteNumber("version", versions[i]);
                _json.WriteEndObject();
            }

            return EndObjectRequest(DesiredDeleteMethod);
        }

        /// <summary>
        /// Writes a device log post of one entry, stamped <paramref name="utcMilliseconds"/> (ISO-8601 UTC with
        /// milliseconds). The content is <paramref name="content"/>, or when it is null the UTF-8 bytes in
        /// <paramref name="contentBytes"/>; null module, code or trace context are written as "".
        /// </summary>
        public int WriteLogPost(long requestId, long utcMilliseconds, LogLevel level, string module, string code, string traceContext,
            string content, byte[] contentBytes, int contentOffset, int contentCount, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _open = None;
            _json.WriteStartArray();
            _json.WriteStartObject();
            _json.WritePropertyName("utcTime");
            int time = UtcTime.WriteIso8601(utcMilliseconds, _scratch, 0, _scratch.Length);
            _json.WriteString(_scratch, 0, time);
            _json.WriteString("logLevel", DeviceLogLevels.GetName(level));
            _json.WriteString("module", module != null ? module : string.Empty);
            _json.WriteString("code", code != null ? code : string.Empty);
            _json.WriteString("traceContext", traceContext != null ? traceContext : string.Empty);
            _json.WritePropertyName("logContent");
            if (content != null) _json.WriteString(content);
            else _json.WriteString(contentBytes, contentOffset, contentCount);
            _json.WriteEndObject();
            return EndArrayRequest(LogPostMethod);
        }

        /// <summary>Writes the query of the device-log switch.</summary>
        public int WriteLogSwitchGet(long requestId, byte[] buffer, int offset, int count)
        {
            StartRequest(requestId, buffer, offset, count);
            _open = None;
            _json.WriteStartObject();
            _json.WriteString("configScope", "device");
            _json.WriteString("getType", "content");
            return EndObjectRequest(LogSwitchGetMethod);
        }

        private int EndObjectRequest(string method)
        {
            _json.WriteEndObject();
            _json.WriteString("method", method);
            _json.WriteEndObject();
            return Result();
        }
    }
}
