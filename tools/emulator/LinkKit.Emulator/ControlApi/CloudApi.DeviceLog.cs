using System.Text.Json.Nodes;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.ControlApi;

// Device logs (docs/protocol.md, Device log). The platform switches a device's log upload in its console and shows the logs there;
// no cloud API for either was found in its documentation, so these actions are the emulator's own: SetDeviceLogSwitch,
// QueryDeviceLogSwitch, QueryDeviceLogs.
public sealed partial class CloudApi
{
    // Mode 1 on, 0 off; MessageId is the push's when the switch changed for an online device, else null.
    async Task<JsonObject> SetDeviceLogSwitchAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        int mode = (int)r.Long("Mode", -1, 0, 1);
        if (mode < 0) throw ApiRequest.Invalid("Mode is required (1 on, 0 off)");
        string? pushed = await cloud.SetLogSwitchAsync(d.ProductKey, d.DeviceName, mode).ConfigureAwait(false);
        return Data(new JsonObject { ["Mode"] = mode, ["MessageId"] = pushed });
    }

    Task<JsonObject> QueryDeviceLogSwitchAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        LogSwitch logSwitch = store.GetLogSwitch(d.ProductKey, d.DeviceName);
        return Task.FromResult(Data(new JsonObject { ["Mode"] = logSwitch.Mode, ["Dropped"] = logSwitch.Dropped }));
    }

    // The entries kept while the switch was on, newest first, as the device sent them, with the time they arrived.
    Task<JsonObject> QueryDeviceLogsAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        var list = new JsonArray(store.QueryDeviceLogs(d.ProductKey, d.DeviceName, (int)r.Long("PageSize", 10, 1, 1000)).Select(e => (JsonNode)new JsonObject
        {
            ["UtcTime"] = e.UtcTime,
            ["LogLevel"] = e.LogLevel,
            ["Module"] = e.Module,
            ["Code"] = e.Code,
            ["TraceContext"] = e.TraceContext,
            ["LogContent"] = e.LogContent,
            ["Time"] = e.ReceivedMs,
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = list }));
    }
}
