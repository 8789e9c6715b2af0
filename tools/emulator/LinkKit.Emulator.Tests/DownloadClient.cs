using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// A client of the emulator's HTTPS download listener (firmware and configuration files) that trusts only the emulator's CA, as a
/// device given the exported PEM does. Responses come back as soon as their headers are in, so a cut body can be read as far as it came.
/// </summary>
sealed class DownloadClient(X509Certificate2 ca) : IDisposable
{
    readonly HttpClient _http = new(EmulatorTrust.Handler(ca));

    /// <summary>GET with an optional Range header (sent as given, even when malformed).</summary>
    public Task<HttpResponseMessage> GetAsync(string url, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range != null) request.Headers.TryAddWithoutValidation("Range", range);
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public Task<HttpResponseMessage> HeadAsync(string url) => _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

    /// <summary>The body as far as it came, and the IOException that ended it early (null when it ended cleanly).</summary>
    public static async Task<(byte[] Body, IOException? Error)> ReadBodyAsync(HttpResponseMessage response)
    {
        using var into = new MemoryStream();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) into.Write(buffer, 0, read);
        }
        catch (IOException ex)
        {
            return (into.ToArray(), ex);
        }
        return (into.ToArray(), null);
    }

    public void Dispose() => _http.Dispose();
}
