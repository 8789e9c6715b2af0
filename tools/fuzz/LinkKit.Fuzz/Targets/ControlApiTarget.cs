using System.Text.Json;
using LinkKit.Emulator.Alink;
using LinkKit.Emulator.ControlApi;

namespace LinkKit.Fuzz;

/// <summary>
/// The emulator's control-API body parsing: <c>ApiRequest.ParseBody</c>, then every typed accessor on every member the
/// body holds and on the API's parameter names, and a <c>Tsl</c> parameter through the emulator's TSL parser. The
/// documented refusals are an InvalidParameter <see cref="CloudApiException"/> (HTTP 400) and, from the TSL parser,
/// a <see cref="FormatException"/>; anything else escaping would be a 500 from the API.
/// </summary>
public sealed class ControlApiTarget : FuzzTarget
{
    private static readonly string[] s_parameters =
    [
        "ProductKey", "ProductName", "ProductSecret", "Tsl", "DynamicRegistration", "RawReplyHex", "DeviceName", "DeviceSecret",
        "IotId", "Items", "Identifier", "Args", "CallType", "Timeout", "PageSize", "RequestBase64Byte", "Topic", "TopicFullName",
        "MessageContent", "Qos", "ShadowMessage", "StartTime", "EndTime", "Asc",
    ];

    public override void Run(byte[] data)
    {
        JsonElement body;
        try
        {
            body = ApiRequest.ParseBody(Input.Text(data));
        }
        catch (CloudApiException ex) when (ex.Code == "InvalidParameter")
        {
            return;
        }

        if (body.ValueKind != JsonValueKind.Object) return;   // CloudApi.InvokeAsync refuses it with 400
        var request = new ApiRequest(body);
        foreach (string name in body.EnumerateObject().Select(p => p.Name).Concat(s_parameters))
        {
            Refusable(() => request.Optional(name));
            Refusable(() => request.Required(name));
            Refusable(() => request.Bool(name));
            Refusable(() => request.Long(name, 5000, 1000, 8000));
            Refusable(() => request.Long(name, 0));
            Refusable(() => request.Json(name, required: false).GetRawText());
            Refusable(() => request.Base64(name));
            Refusable(() =>
            {
                string? text = request.JsonText(name);
                if (!string.IsNullOrEmpty(text))
                {
                    using JsonDocument reparsed = JsonDocument.Parse(text);   // what the cloud does with it next: it must be JSON
                }
            });
        }

        string? tsl = Refusable(() => request.JsonText("Tsl"));
        if (string.IsNullOrEmpty(tsl)) return;
        try
        {
            ThingModel.Parse(tsl);
        }
        catch (FormatException)
        {
            // The documented refusal: the API answers InvalidParameter.
        }
    }

    private static T? Refusable<T>(Func<T> accessor)
    {
        try
        {
            return accessor();
        }
        catch (CloudApiException ex) when (ex.Code == "InvalidParameter")
        {
            return default;
        }
    }

    private static void Refusable(Action accessor) => Refusable(() => { accessor(); return 0; });
}
