using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LinkKit.Emulator.WebConsole;

/// <summary>
/// The web console on the control API's listener (same address and port, so its forms call <c>POST /api/{Action}</c> on their
/// own origin): the page, its script and style from embedded resources (<c>GET /console/</c>), and the live stream of
/// <see cref="MessageTap"/> as server-sent events (<c>GET /console/events</c>). Every action and query the page makes goes
/// through the control API; nothing here acts on devices.
/// </summary>
public static class ConsoleSite
{
    public const string Path = "/console/";

    // The files in wwwroot/, embedded as "console/{name}" (LinkKit.Emulator.csproj).
    static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
    };

    public static void Map(WebApplication app, MessageTap tap)
    {
        app.MapGet("/", () => Results.Redirect(Path));
        app.MapGet(Path, () => File("index.html"));         // routing ignores the final '/': /console too, hence the page's absolute links
        app.MapGet(Path + "events", (HttpContext context) => StreamAsync(context, tap, app.Lifetime.ApplicationStopping));
        app.MapGet(Path + "{name}", (string name) => File(name));
    }

    static IResult File(string name)
    {
        if (!ContentTypes.TryGetValue(name, out string? contentType)) return Results.NotFound();
        Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("console/" + name)!;
        return Results.Stream(stream, contentType);
    }

    // One "data:" line per tap entry (JSON never holds a raw line break). The watcher is registered before the response starts,
    // so a page that sees its stream open misses nothing from then on. Ends when the page goes or the emulator stops (a stream
    // left open would hold up Kestrel's shutdown).
    static async Task StreamAsync(HttpContext context, MessageTap tap, CancellationToken stopping)
    {
        using MessageTap.Watcher watcher = tap.Watch();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.WriteAsync(": watching\n\n", ending.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(ending.Token).ConfigureAwait(false);
            while (await watcher.Entries.WaitToReadAsync(ending.Token).ConfigureAwait(false))
            {
                while (watcher.Entries.TryRead(out string? entry))
                    await response.WriteAsync("data: " + entry + "\n\n", ending.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(ending.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed, or the emulator is stopping
        }
    }
}
