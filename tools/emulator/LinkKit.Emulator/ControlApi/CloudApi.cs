using System.Text.Json;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Registry;

namespace LinkKit.Emulator.ControlApi;

/// <summary>The answer to one control-API call: HTTP status and JSON body (<c>RequestId</c>, <c>Success</c>, then data or <c>Code</c>/<c>ErrorMessage</c>).</summary>
public sealed record ApiResponse(int HttpStatus, JsonObject Body)
{
    public bool Success => Body["Success"]?.GetValue<bool>() == true;
    public JsonNode? Data => Body["Data"];
    public string? Code => Body["Code"]?.GetValue<string>();
    /// <summary>The body as JSON text (non-ASCII and quotes inside strings written plainly).</summary>
    public string ToJson() => Body.ToJsonString(JsonOptions);

    public override string ToString() => ToJson();

    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = AlinkJson.WriterOptions.Encoder };
}

/// <summary>
/// The control API, named after the platform's cloud API (CreateProduct, RegisterDevice, SetDeviceProperty,
/// InvokeThingService, RRpc, Pub, PubBroadcast, the OTA actions in CloudApi.Ota.cs, remote configuration in CloudApi.RemoteConfig.cs,
/// desired properties in CloudApi.Desired.cs, device logs in CloudApi.DeviceLog.cs, bootstrap in CloudApi.Bootstrap.cs, …). Callable
/// in-process (tests, demos) and served over HTTP as
/// <c>POST /api/{Action}</c> by <see cref="ControlApiServer"/>.
/// </summary>
public sealed partial class CloudApi(EmulatorStore store, AlinkCloud cloud, IDownlink downlink, Func<JsonObject> status, Func<string?> caPem)
{
    // The platform waits 1000-8000 ms for a device's answer to RRpc and to a synchronous InvokeThingService (which rides
    // RRPC); a Timeout outside that range is refused as the platform refuses it.
    const long MinCallTimeout = 1000;
    const long MaxCallTimeout = 8000;

    delegate Task<JsonObject> Action(ApiRequest request);

    IReadOnlyDictionary<string, Action> Actions => _actions ??= new Dictionary<string, Action>(StringComparer.OrdinalIgnoreCase)
    {
        ["CreateProduct"] = CreateProductAsync,
        ["UpdateProduct"] = UpdateProductAsync,
        ["QueryProduct"] = QueryProductAsync,
        ["QueryProductList"] = QueryProductListAsync,
        ["RegisterDevice"] = RegisterDeviceAsync,
        ["QueryDeviceDetail"] = QueryDeviceDetailAsync,
        ["QueryDevice"] = QueryDeviceAsync,
        ["DisableThing"] = r => SetDisabledAsync(r, true),
        ["EnableThing"] = r => SetDisabledAsync(r, false),
        ["SetDeviceProperty"] = SetDevicePropertyAsync,
        ["InvokeThingService"] = InvokeThingServiceAsync,
        ["QueryDeviceServiceData"] = QueryDeviceServiceDataAsync,
        ["RRpc"] = RrpcAsync,
        ["Pub"] = PubAsync,
        ["PubBroadcast"] = PubBroadcastAsync,
        ["NotifyBootstrap"] = NotifyBootstrapAsync,
        ["SetBootstrapEndpoint"] = SetBootstrapEndpointAsync,
        ["CreateProductTopic"] = CreateProductTopicAsync,
        ["QueryProductTopic"] = QueryProductTopicAsync,
        ["UpdateProductTopic"] = UpdateProductTopicAsync,
        ["DeleteProductTopic"] = DeleteProductTopicAsync,
        ["UpdateDeviceShadow"] = UpdateDeviceShadowAsync,
        ["GetDeviceShadow"] = GetDeviceShadowAsync,
        ["QueryDevicePropertyStatus"] = QueryDevicePropertyStatusAsync,
        ["QueryDevicePropertyData"] = QueryDevicePropertyDataAsync,
        ["QueryDeviceEventData"] = QueryDeviceEventDataAsync,
        ["QueryDeviceProp"] = QueryDevicePropAsync,
        ["SetDeviceDesiredProperty"] = SetDeviceDesiredPropertyAsync,
        ["QueryDeviceDesiredProperty"] = QueryDeviceDesiredPropertyAsync,
        ["SetDeviceLogSwitch"] = SetDeviceLogSwitchAsync,
        ["QueryDeviceLogSwitch"] = QueryDeviceLogSwitchAsync,
        ["QueryDeviceLogs"] = QueryDeviceLogsAsync,
        ["QueryDeviceUplinks"] = QueryDeviceUplinksAsync,
        ["QueryDeviceNtp"] = QueryDeviceNtpAsync,
        ["CreateOTAFirmware"] = CreateOTAFirmwareAsync,
        ["ListOTAFirmware"] = ListOTAFirmwareAsync,
        ["QueryOTAFirmware"] = QueryOTAFirmwareAsync,
        ["DeleteOTAFirmware"] = DeleteOTAFirmwareAsync,
        ["CreateOTAStaticUpgradeJob"] = CreateOTAStaticUpgradeJobAsync,
        ["QueryOTAJob"] = QueryOTAJobAsync,
        ["ListOTAJobByFirmware"] = ListOTAJobByFirmwareAsync,
        ["ListOTATaskByJob"] = ListOTATaskByJobAsync,
        ["CancelOTATaskByJob"] = CancelOTATaskByJobAsync,
        ["ListOTAModuleVersionsByDevice"] = ListOTAModuleVersionsByDeviceAsync,
        ["SetOTADownloadFault"] = SetOTADownloadFaultAsync,
        ["ClearOTADownloadFaults"] = ClearOTADownloadFaultsAsync,
        ["UpdateProductConfig"] = UpdateProductConfigAsync,
        ["QueryProductConfig"] = QueryProductConfigAsync,
        ["PushProductConfig"] = PushProductConfigAsync,
        ["ListProductConfigPushes"] = ListProductConfigPushesAsync,
        ["GetCaCertificate"] = GetCaCertificateAsync,
        ["GetEmulatorStatus"] = _ => Task.FromResult(status()),
    };
    Dictionary<string, Action>? _actions;

    /// <summary>The action names, as documented.</summary>
    public IEnumerable<string> ActionNames => Actions.Keys;

    /// <summary>Runs an action. A malformed body or parameter gives HTTP 400, an unknown action 404, refusals by the platform 200 with Success false.</summary>
    public async Task<ApiResponse> InvokeAsync(string action, string? body)
    {
        JsonElement element;
        try
        {
            element = ApiRequest.ParseBody(body);
        }
        catch (CloudApiException ex)
        {
            return Failure(400, ex.Code, ex.Message);
        }
        return await InvokeAsync(action, element).ConfigureAwait(false);
    }

    public async Task<ApiResponse> InvokeAsync(string action, JsonElement body)
    {
        if (!Actions.TryGetValue(action, out Action? handler))
            return Failure(404, "InvalidAction", "unknown action " + action + "; known: " + string.Join(", ", Actions.Keys));
        if (body.ValueKind != JsonValueKind.Object) return Failure(400, "InvalidParameter", "request body must be a JSON object");
        try
        {
            JsonObject result = await handler(new ApiRequest(body)).ConfigureAwait(false);
            var response = new JsonObject { ["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant(), ["Success"] = true };
            foreach (KeyValuePair<string, JsonNode?> pair in result.ToList())
            {
                result.Remove(pair.Key);
                response[pair.Key] = pair.Value;
            }
            return new ApiResponse(200, response);
        }
        catch (CloudApiException ex)
        {
            return Failure(ex.Code == "InvalidParameter" ? 400 : 200, ex.Code, ex.Message);
        }
    }

    public Task<ApiResponse> InvokeAsync(string action, object parameters) =>
        InvokeAsync(action, JsonSerializer.SerializeToElement(parameters));

    /// <summary>A refusal in the API's shape: <c>{"RequestId","Success":false,"Code","ErrorMessage"}</c>.</summary>
    public static ApiResponse Failure(int status, string code, string message) => new(status, new JsonObject
    {
        ["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant(),
        ["Success"] = false,
        ["Code"] = code,
        ["ErrorMessage"] = message,
    });

    static JsonObject Data(JsonObject data) => new() { ["Data"] = data };

    static JsonNode? Raw(string? json) => json == null ? null : JsonNode.Parse(json);

    static string Iso(long? ms) => ms == null ? "" : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    // ------------------------------------------------------------------------------------------ products and devices

    async Task<JsonObject> CreateProductAsync(ApiRequest r)
    {
        Product p = await cloud.CreateProductAsync(r.Optional("ProductKey"), r.Required("ProductName"), r.Optional("ProductSecret"),
            r.JsonText("Tsl"), r.Bool("DynamicRegistration") ?? false, r.Optional("RawReplyHex")).ConfigureAwait(false);
        return Data(ProductData(p));
    }

    async Task<JsonObject> UpdateProductAsync(ApiRequest r)
    {
        Product p = await cloud.UpdateProductAsync(r.Required("ProductKey"), r.Optional("ProductName"), r.JsonText("Tsl"),
            r.Bool("DynamicRegistration"), r.Optional("RawReplyHex")).ConfigureAwait(false);
        return Data(ProductData(p));
    }

    Task<JsonObject> QueryProductAsync(ApiRequest r)
    {
        Product p = cloud.RequireProduct(r.Required("ProductKey"));
        JsonObject data = ProductData(p);
        data["Tsl"] = p.TslJson;
        data["DeviceCount"] = store.CountDevices(p.ProductKey);
        return Task.FromResult(Data(data));
    }

    // Every product, oldest first, with its device count; the paging fields sit inside Data, as in the platform's answer.
    Task<JsonObject> QueryProductListAsync(ApiRequest r)
    {
        (int page, int size) = Paging(r, 200);
        List<Product> products = store.ListProducts();
        var list = new JsonArray(products.Skip((page - 1) * size).Take(size).Select(p => (JsonNode)new JsonObject
        {
            ["ProductKey"] = p.ProductKey,
            ["ProductName"] = p.ProductName,
            ["DeviceCount"] = store.CountDevices(p.ProductKey),
            ["GmtCreate"] = p.CreatedMs,
        }).ToArray());
        JsonObject data = Paged(new JsonObject(), products.Count, page, size);
        data["List"] = new JsonObject { ["ProductInfo"] = list };
        return Task.FromResult(Data(data));
    }

    static JsonObject ProductData(Product p) => new()
    {
        ["ProductKey"] = p.ProductKey,
        ["ProductName"] = p.ProductName,
        ["ProductSecret"] = p.ProductSecret,
        ["DynamicRegistration"] = p.DynamicRegistration,
        ["RawReplyHex"] = p.RawReplyHex,
    };

    async Task<JsonObject> RegisterDeviceAsync(ApiRequest r)
    {
        Device d = await cloud.RegisterDeviceAsync(r.Required("ProductKey"), r.Optional("DeviceName"), r.Optional("DeviceSecret")).ConfigureAwait(false);
        return Data(new JsonObject { ["IotId"] = d.IotId, ["ProductKey"] = d.ProductKey, ["DeviceName"] = d.DeviceName, ["DeviceSecret"] = d.DeviceSecret });
    }

    Device FindDevice(ApiRequest r)
    {
        if (r.Optional("IotId") is string iotId)
            return store.GetDeviceByIotId(iotId) ?? throw new CloudApiException("iot.device.NotExistedDevice", "no device with IotId " + iotId);
        return cloud.RequireDevice(r.Required("ProductKey"), r.Required("DeviceName"));
    }

    Task<JsonObject> QueryDeviceDetailAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        return Task.FromResult(Data(DeviceData(d)));
    }

    JsonObject DeviceData(Device d)
    {
        bool online = downlink.IsOnline(d.ProductKey, d.DeviceName);
        return new JsonObject
        {
            ["IotId"] = d.IotId,
            ["ProductKey"] = d.ProductKey,
            ["DeviceName"] = d.DeviceName,
            ["DeviceSecret"] = d.DeviceSecret,
            ["Status"] = LiveStatus(d.Status, online),
            ["Online"] = online,
            ["UtcCreate"] = Iso(d.CreatedMs),
            ["UtcActive"] = Iso(d.ActivatedMs),
            ["UtcOnline"] = Iso(d.LastOnlineMs),
        };
    }

    // The registry records a logout a moment after the broker has dropped the connection: the broker's view wins.
    static string LiveStatus(string stored, bool online) => stored == DeviceStatus.Online && !online ? DeviceStatus.Offline : stored;

    Task<JsonObject> QueryDeviceAsync(ApiRequest r)
    {
        string pk = r.Required("ProductKey");
        cloud.RequireProduct(pk);
        var list = new JsonArray(store.ListDevices(pk).Select(d => (JsonNode)DeviceData(d)).ToArray());
        return Task.FromResult(new JsonObject { ["Data"] = new JsonObject { ["DeviceInfo"] = list }, ["Total"] = list.Count });
    }

    async Task<JsonObject> SetDisabledAsync(ApiRequest r, bool disabled)
    {
        Device d = FindDevice(r);
        await cloud.SetDisabledAsync(d.ProductKey, d.DeviceName, disabled).ConfigureAwait(false);
        return new JsonObject();
    }

    // ------------------------------------------------------------------------------------------ calls to devices

    async Task<JsonObject> SetDevicePropertyAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        string id = await cloud.SetPropertyAsync(d.ProductKey, d.DeviceName, r.Json("Items")).ConfigureAwait(false);
        return Data(new JsonObject { ["MessageId"] = id });
    }

    async Task<JsonObject> InvokeThingServiceAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        ServiceInvocation call = await cloud.InvokeServiceAsync(d.ProductKey, d.DeviceName, r.Required("Identifier"), r.Json("Args", required: false),
            r.Optional("CallType"), (int)r.Long("Timeout", 5000, MinCallTimeout, MaxCallTimeout)).ConfigureAwait(false);
        var data = new JsonObject { ["MessageId"] = call.MessageId };
        if (call.Sync)
        {
            data["Code"] = call.Code;
            data["Result"] = call.DataJson;
        }
        return Data(data);
    }

    Task<JsonObject> QueryDeviceServiceDataAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        List<ServiceCallRecord> calls = store.QueryServiceCalls(d.ProductKey, d.DeviceName, r.Optional("Identifier"), (int)r.Long("PageSize", 10, 1, 1000));
        var list = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
        {
            ["MessageId"] = c.MessageId,
            ["Identifier"] = c.Identifier,
            ["CallType"] = c.CallType,
            ["InputData"] = c.ParamsJson,
            ["ReplyCode"] = c.ReplyCode,
            ["OutputData"] = c.ReplyDataJson,
            ["Time"] = c.CreatedMs,
            ["ReplyTime"] = c.RepliedMs,
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = new JsonObject { ["ServiceInfo"] = list } }));
    }

    async Task<JsonObject> RrpcAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        RrpcResult result = await cloud.RrpcAsync(d.ProductKey, d.DeviceName, r.Base64("RequestBase64Byte"), (int)r.Long("Timeout", 5000, MinCallTimeout, MaxCallTimeout),
            r.Optional("Topic")).ConfigureAwait(false);
        var answer = new JsonObject { ["RrpcCode"] = result.RrpcCode, ["MessageId"] = result.MessageId };
        if (result.Payload != null) answer["PayloadBase64Byte"] = Convert.ToBase64String(result.Payload);
        return answer;
    }

    async Task<JsonObject> PubAsync(ApiRequest r)
    {
        string id = await cloud.PubAsync(r.Required("ProductKey"), r.Required("TopicFullName"), r.Base64("MessageContent"), (int)r.Long("Qos", 0))
            .ConfigureAwait(false);
        return new JsonObject { ["MessageId"] = id };
    }

    async Task<JsonObject> PubBroadcastAsync(ApiRequest r)
    {
        long id = await cloud.PubBroadcastAsync(r.Required("ProductKey"), r.Base64("MessageContent"), r.Optional("TopicFullName")).ConfigureAwait(false);
        return new JsonObject { ["MessageId"] = id };
    }

    // ------------------------------------------------------------------------------------------ topic classes

    async Task<JsonObject> CreateProductTopicAsync(ApiRequest r)
    {
        TopicClass created = await cloud.CreateProductTopicAsync(r.Required("ProductKey"), r.Required("TopicShortName"), r.Required("Operation"),
            r.Optional("Desc")).ConfigureAwait(false);
        return new JsonObject { ["TopicId"] = created.TopicId };
    }

    // Operation as the platform reports it: "0" publish, "1" subscribe, "2" both; TopicShortName in its full form.
    Task<JsonObject> QueryProductTopicAsync(ApiRequest r)
    {
        Product p = cloud.RequireProduct(r.Required("ProductKey"));
        var list = new JsonArray(p.TopicClasses.Select(c => (JsonNode)new JsonObject
        {
            ["Id"] = c.TopicId.ToString(),
            ["ProductKey"] = c.ProductKey,
            ["TopicShortName"] = c.FullName,
            ["Operation"] = c.Operation switch { TopicClass.Pub => "0", TopicClass.Sub => "1", _ => "2" },
            ["Desc"] = c.Desc,
        }).ToArray());
        return Task.FromResult(new JsonObject { ["Data"] = new JsonObject { ["ProductTopicInfo"] = list } });
    }

    async Task<JsonObject> UpdateProductTopicAsync(ApiRequest r)
    {
        await cloud.UpdateProductTopicAsync(r.RequiredLong("TopicId"), r.Required("TopicShortName"), r.Required("Operation"), r.Optional("Desc"))
            .ConfigureAwait(false);
        return new JsonObject();
    }

    async Task<JsonObject> DeleteProductTopicAsync(ApiRequest r)
    {
        await cloud.DeleteProductTopicAsync(r.RequiredLong("TopicId")).ConfigureAwait(false);
        return new JsonObject();
    }

    // ------------------------------------------------------------------------------------------ shadow

    async Task<JsonObject> UpdateDeviceShadowAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        (long version, string? error) = await cloud.Shadows.CloudUpdateAsync(d.ProductKey, d.DeviceName, r.JsonText("ShadowMessage") ??
            throw ApiRequest.Invalid("ShadowMessage is required")).ConfigureAwait(false);
        if (error != null) throw new CloudApiException("iot.device.InvalidShadowMessage", error);
        return new JsonObject { ["Version"] = version };
    }

    Task<JsonObject> GetDeviceShadowAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        return Task.FromResult(new JsonObject { ["ShadowMessage"] = cloud.Shadows.GetShadowMessage(d.ProductKey, d.DeviceName) });
    }

    // ------------------------------------------------------------------------------------------ stored data

    Task<JsonObject> QueryDevicePropertyStatusAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        ThingModel? model = store.GetProduct(d.ProductKey)?.Tsl;
        var list = new JsonArray(store.GetLatestProperties(d.ProductKey, d.DeviceName).Select(p =>
        {
            JsonObject info = PropertyInfo(model, p.Identifier);
            info["Value"] = ValueText(p.ValueJson);
            info["Time"] = p.TimeMs.ToString();
            return (JsonNode)info;
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = new JsonObject { ["PropertyStatusInfo"] = list } }));
    }

    // A property as the platform lists it: identifier, and name and data type from the thing model (the identifier and null without one).
    static JsonObject PropertyInfo(ThingModel? model, string identifier)
    {
        TslParam? declared = model != null && model.Properties.TryGetValue(identifier, out TslParam? x) ? x : null;
        return new JsonObject { ["Identifier"] = identifier, ["Name"] = declared?.Name ?? identifier, ["DataType"] = declared?.DataType.Type };
    }

    Task<JsonObject> QueryDevicePropertyDataAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        List<PropertyValue> values = store.GetPropertyHistory(d.ProductKey, d.DeviceName, r.Required("Identifier"), r.Long("StartTime", 0),
            r.Long("EndTime", long.MaxValue), (int)r.Long("PageSize", 10, 1, 1000), r.Long("Asc", 0) == 1);
        var list = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["Value"] = ValueText(v.ValueJson), ["Time"] = v.TimeMs }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = new JsonObject { ["PropertyInfo"] = list } }));
    }

    Task<JsonObject> QueryDeviceEventDataAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        List<EventRecord> events = store.QueryEvents(d.ProductKey, d.DeviceName, r.Optional("Identifier"), r.Long("StartTime", 0),
            r.Long("EndTime", long.MaxValue), (int)r.Long("PageSize", 10, 1, 1000), r.Long("Asc", 0) == 1);
        var list = new JsonArray(events.Select(e => (JsonNode)new JsonObject
        {
            ["Identifier"] = e.Identifier,
            ["EventType"] = e.EventType,
            ["OutputData"] = e.OutputJson,
            ["Time"] = e.TimeMs,
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = new JsonObject { ["EventInfo"] = list } }));
    }

    Task<JsonObject> QueryDevicePropAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        var props = new JsonObject();
        foreach (KeyValuePair<string, string> tag in store.GetTags(d.ProductKey, d.DeviceName)) props[tag.Key] = tag.Value;
        return Task.FromResult(new JsonObject { ["Props"] = props.ToJsonString(ApiResponse.JsonOptions) });
    }

    Task<JsonObject> QueryDeviceUplinksAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        List<UplinkRecord> uplinks = store.QueryUplinks(d.ProductKey, d.DeviceName, (int)r.Long("PageSize", 10, 1, 1000));
        var list = new JsonArray(uplinks.Select(u => (JsonNode)new JsonObject
        {
            ["Topic"] = u.Topic,
            ["PayloadBase64"] = Convert.ToBase64String(u.Payload),
            ["Time"] = u.TimeMs,
        }).ToArray());
        return Task.FromResult(Data(new JsonObject { ["List"] = list }));
    }

    // The device's last NTP request since the emulator started: deviceSendTime as the device sent it, the server times as numbers;
    // Data null when it has sent none.
    Task<JsonObject> QueryDeviceNtpAsync(ApiRequest r)
    {
        Device d = FindDevice(r);
        JsonObject? data = cloud.LastNtp(d.ProductKey, d.DeviceName) is { } e
            ? new JsonObject { ["DeviceSendTime"] = Raw(e.DeviceSendTimeJson), ["ServerRecvTime"] = e.ServerRecvTime, ["ServerSendTime"] = e.ServerSendTime }
            : null;
        return Task.FromResult(new JsonObject { ["Data"] = data });
    }

    Task<JsonObject> GetCaCertificateAsync(ApiRequest r) => Task.FromResult(new JsonObject { ["Pem"] = caPem() });

    // The platform reports property values as text: strings as they are, other JSON values in their JSON form.
    static string ValueText(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString()! : json;
    }
}
