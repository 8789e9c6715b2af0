using System.Net;
using System.Security.Cryptography.X509Certificates;
using LinkKit.Emulator.Auth;
using LinkKit.Emulator.Downloads;
using LinkKit.Emulator.Registry;
using LinkKit.Emulator.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LinkKit.Emulator.ControlApi;

/// <summary>
/// The emulator's HTTP listeners (ASP.NET Core minimal APIs on Kestrel): the control API
/// (<c>POST /api/{Action}</c>, <c>GET /api</c>, <c>GET /ca.pem</c>) with the web console (<see cref="ConsoleSite"/>), the device-facing dynamic registration and bootstrap
/// (<c>POST /auth/register/device</c>, <c>POST /auth/bootstrap</c>, plain and optionally TLS) and the file downloads (HTTPS, <see cref="FileDownloads"/>: OTA firmware
/// and remote configuration files).
/// </summary>
public sealed class HttpServers : IAsyncDisposable
{
    readonly List<WebApplication> _apps = [];

    public int? ApiPort { get; private set; }
    public int? AuthPort { get; private set; }
    public int? AuthTlsPort { get; private set; }
    public int? OtaPort { get; private set; }

    public async Task StartAsync(EmulatorOptions options, CloudApi api, EmulatorStore store, Func<string?> caPem,
        X509Certificate2? serverCertificate, FileDownloads downloads, IReadOnlyList<IDownloadSource> downloadSources, Func<bool, MqttEndpoint?> ownMqtt,
        MessageTap tap, ILoggerFactory loggerFactory)
    {
        if (options.ApiPort is int apiPort)
        {
            WebApplication app = Build(options.BindAddress, [(apiPort, null)], loggerFactory);
            app.MapPost("/api/{action}", async (string action, HttpRequest request) =>
            {
                // A page of another site open in the same browser may post here too (a text/plain POST needs no CORS preflight):
                // a request that names its origin must come from this listener's own, as the console's forms do.
                if (request.Headers.Origin is [string origin] && origin != request.Scheme + "://" + request.Host)
                {
                    ApiResponse refused = CloudApi.Failure(403, "Forbidden", "requests from pages of " + origin + " are refused");
                    return Results.Content(refused.ToJson(), "application/json", null, refused.HttpStatus);
                }
                using var reader = new StreamReader(request.Body);
                string body = await reader.ReadToEndAsync().ConfigureAwait(false);
                ApiResponse response = await api.InvokeAsync(action, body).ConfigureAwait(false);
                return Results.Content(response.ToJson(), "application/json", null, response.HttpStatus);
            });
            app.MapGet("/api", () => Results.Json(new { Actions = api.ActionNames.ToArray(), Usage = "POST /api/{Action} with a JSON body" }));
            app.MapGet("/ca.pem", () => caPem() is string pem ? Results.Text(pem, "application/x-pem-file") : Results.NotFound());
            ConsoleSite.Map(app, tap);
            ApiPort = (await StartAppAsync(app).ConfigureAwait(false))[0].Port;
        }

        var authListeners = new List<(int Port, X509Certificate2? Certificate)>();
        if (options.AuthPort is int authPort) authListeners.Add((authPort, null));
        if (options.AuthTlsPort is int authTlsPort && serverCertificate != null) authListeners.Add((authTlsPort, serverCertificate));
        if (authListeners.Count > 0)
        {
            WebApplication app = Build(options.BindAddress, authListeners, loggerFactory);
            app.MapPost("/auth/register/device", async (HttpRequest request) =>
            {
                IFormCollection form = request.HasFormContentType ? await request.ReadFormAsync().ConfigureAwait(false) : FormCollection.Empty;
                byte[] reply = HttpRegistration.Handle(store, name => form.TryGetValue(name, out var v) ? v.ToString() : null);
                return Results.Bytes(reply, "application/json");
            });
            app.MapPost("/auth/bootstrap", async (HttpRequest request) =>
            {
                IFormCollection form = request.HasFormContentType ? await request.ReadFormAsync().ConfigureAwait(false) : FormCollection.Empty;
                byte[] reply = HttpBootstrap.Handle(store, name => form.TryGetValue(name, out var v) ? v.ToString() : null, ownMqtt(request.IsHttps));
                return Results.Bytes(reply, "application/json");
            });
            List<Uri> bound = await StartAppAsync(app).ConfigureAwait(false);
            AuthPort = bound.FirstOrDefault(u => u.Scheme == "http")?.Port;
            AuthTlsPort = bound.FirstOrDefault(u => u.Scheme == "https")?.Port;
        }

        if (options.OtaPort is int otaPort && serverCertificate != null)
        {
            // HTTP/1.1, as OSS serves devices. Kestrel's own log stays out: to it, a download cut by a fault is an application error.
            WebApplication app = Build(options.BindAddress, [(otaPort, serverCertificate)], NullLoggerFactory.Instance, HttpProtocols.Http1);
            foreach (IDownloadSource source in downloadSources)
                app.MapMethods("/" + source.Area + "/{id}/{fileName}", [HttpMethods.Get, HttpMethods.Head],
                    (HttpContext context, string id, string fileName) => downloads.HandleAsync(context, source, id, fileName));
            OtaPort = (await StartAppAsync(app).ConfigureAwait(false))[0].Port;
        }
    }

    WebApplication Build(IPAddress address, List<(int Port, X509Certificate2? Certificate)> listeners, ILoggerFactory loggerFactory,
        HttpProtocols? protocols = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach ((int port, X509Certificate2? certificate) in listeners)
                kestrel.Listen(address, port, listen =>
                {
                    if (protocols is HttpProtocols only) listen.Protocols = only;
                    if (certificate != null) listen.UseHttps(certificate);
                });
        });
        WebApplication app = builder.Build();
        _apps.Add(app);
        return app;
    }

    // Returns the bound addresses (port 0 becomes the port the system chose).
    static async Task<List<Uri>> StartAppAsync(WebApplication app)
    {
        await app.StartAsync().ConfigureAwait(false);
        ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.Select(a => new Uri(a.Replace("[::]", "localhost"))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (WebApplication app in _apps)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        _apps.Clear();
    }
}
