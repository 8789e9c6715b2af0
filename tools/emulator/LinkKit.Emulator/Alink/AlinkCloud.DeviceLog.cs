using System.Text;
using System.Text.Json;
using LinkKit.Emulator.Registry;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Alink;

// Device logs (docs/protocol.md, Device log): a per-device switch the device asks for (thing/config/log/get) and is told about when
// it changes (thing/config/log/push), and the log entries it posts (thing/log/post), kept only while the switch is on.
public sealed partial class AlinkCloud
{
    /// <summary>The log levels a device may post, as the Link SDK C names them.</summary>
    public static readonly string[] LogLevels = ["FATAL", "ERROR", "WARN", "INFO", "DEBUG"];

    // thing/log/post, params [{"utcTime","logLevel","module","code","traceContext","logContent"},…]. Answered 200 whether the switch
    // keeps the entries or drops them; the Link SDK C sends no method.
    async Task OnLogPostAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.log.post";
        if (await OpenRequestAsync(topic, payload, method, methodOptional: true).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            var entries = new List<DeviceLogEntry>();
            AlinkError? error = ReadLogEntries(doc.RootElement.TryGetProperty("params", out JsonElement parameters) ? parameters : default, entries);
            if (error == null)
            {
                bool kept = false;
                error = await StoreAsync(async () => kept = await _store.SaveDeviceLogsAsync(pk, dn, entries).ConfigureAwait(false)).ConfigureAwait(false);
                if (error == null && !kept) _log.LogInformation("{Pk}/{Dn}: {Count} log entries dropped (log switch off)", pk, dn, entries.Count);
            }
            await AnswerAsync(topic, id, ack, error, method).ConfigureAwait(false);
        }
    }

    AlinkError? ReadLogEntries(JsonElement parameters, List<DeviceLogEntry> entries)
    {
        if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0)
            return new AlinkError(AlinkCodes.RequestParameterError, "params must be a non-empty array");
        long now = Now;
        int index = 0;
        foreach (JsonElement e in parameters.EnumerateArray())
        {
            string at = "params[" + index++ + "]";
            if (e.ValueKind != JsonValueKind.Object) return new AlinkError(AlinkCodes.RequestParameterError, at + " must be a JSON object");
            string? utcTime = e.GetString("utcTime"), level = e.GetString("logLevel"), content = e.GetString("logContent");
            if (utcTime == null || content == null) return new AlinkError(AlinkCodes.RequestParameterError, at + " needs utcTime and logContent strings");
            if (level == null || !LogLevels.Contains(level))
                return new AlinkError(AlinkCodes.RequestParameterError, at + ".logLevel must be one of " + string.Join(", ", LogLevels));
            // code is a string in the documentation's sample and the SDK's payload; a number is kept as written.
            string? code = e.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.Number ? c.GetRawText() : e.GetString("code");
            entries.Add(new DeviceLogEntry(utcTime, level, e.GetString("module"), code, e.GetString("traceContext"), content, now));
        }
        return null;
    }

    // thing/config/log/get, params {"configScope":"device","getType":"content"} (both optional) → data
    // {"getType":"content","content":{"mode":0|1}}. The Link SDK C sends it without method at every connect.
    async Task OnLogConfigGetAsync(string pk, string dn, string topic, byte[] payload)
    {
        const string method = "thing.config.log.get";
        if (await OpenRequestAsync(topic, payload, method, methodOptional: true).ConfigureAwait(false) is not { } request) return;
        (JsonDocument doc, JsonElement? id, bool ack) = request;
        using (doc)
        {
            JsonElement parameters = doc.RootElement.TryGetProperty("params", out JsonElement p) ? p : default;
            AlinkError? error =
                parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object) ? new AlinkError(AlinkCodes.RequestParameterError, "params must be a JSON object")
                : !parameters.IsAbsentOr("configScope", "device") ? new AlinkError(AlinkCodes.RequestParameterError, "configScope must be \"device\"")
                : !parameters.IsAbsentOr("getType", "content") ? new AlinkError(AlinkCodes.RequestParameterError, "getType must be \"content\"")
                : null;
            await AnswerAsync(topic, id, ack, error, method, LogConfigData(_store.GetLogSwitch(pk, dn).Mode)).ConfigureAwait(false);
        }
    }

    // The get reply's data and the push's params. The Link SDK C reads only the number under "mode" (0 off, 1 on), wherever it is.
    static string LogConfigData(int mode) => Encoding.UTF8.GetString(AlinkJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("getType", "content");
        w.WriteStartObject("content");
        w.WriteNumber("mode", mode);
        w.WriteEndObject();
        w.WriteEndObject();
    }));

    /// <summary>
    /// Turns a device's log switch on (1) or off (0). A change is pushed at once on <c>thing/config/log/push</c> to the device if it
    /// is online; the message id of that push, or null when nothing was pushed.
    /// </summary>
    public async Task<string?> SetLogSwitchAsync(string productKey, string deviceName, int mode)
    {
        RequireDevice(productKey, deviceName);
        if (!await _store.SetLogModeAsync(productKey, deviceName, mode).ConfigureAwait(false) || !_downlink.IsOnline(productKey, deviceName)) return null;
        string id = MessageIds.NextAlinkId();
        await PublishAsync($"/sys/{productKey}/{deviceName}/thing/config/log/push", AlinkJson.Push("thing.config.log.push", id, LogConfigData(mode)))
            .ConfigureAwait(false);
        return id;
    }
}
