using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LinkKit.Emulator.Downloads;

/// <summary>
/// The HTTPS download listener's answers, where the platform has OSS: <c>GET</c>/<c>HEAD /{area}/{id}/{fileName}</c> for every
/// <see cref="IDownloadSource"/>. The URL must be signed by this emulator and unexpired (403 with an OSS-style XML error
/// otherwise); <c>Range</c> gives 206 with Content-Range (416 past the end); every answer names <c>ETag</c> (the MD5) and
/// <c>Accept-Ranges: bytes</c>. The faults set with SetOTADownloadFault act here.
/// </summary>
public sealed class FileDownloads(DownloadSite site, ILogger log)
{
    const int Chunk = 16 * 1024;

    public async Task HandleAsync(HttpContext context, IDownloadSource source, string id, string fileName)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        IQueryCollection query = request.Query;
        string path = DownloadSite.PathOf(source.Area, id, fileName);
        switch (site.Urls.Check(path, query["Expires"], query["OSSAccessKeyId"], query["Signature"], query["security-token"], site.NowSeconds))
        {
            case UrlCheck.Missing:
                await ErrorAsync(response, 403, "AccessDenied", "Expires, OSSAccessKeyId, Signature and security-token are required.").ConfigureAwait(false);
                return;
            case UrlCheck.Expired:
                await ErrorAsync(response, 403, "AccessDenied", "Request has expired.").ConfigureAwait(false);
                return;
            case UrlCheck.BadSignature:
                await ErrorAsync(response, 403, "SignatureDoesNotMatch", "The request signature does not match; use the URL exactly as received.").ConfigureAwait(false);
                return;
        }
        ServedFile? file = source.Find(id, fileName);
        Stream? content = file?.Open();
        if (content == null)
        {
            await ErrorAsync(response, 404, "NoSuchKey", "The specified key does not exist.").ConfigureAwait(false);
            return;
        }
        await using (content)
        {
            long size = file!.Size;
            response.Headers.AcceptRanges = "bytes";
            response.Headers.ETag = "\"" + file.Md5.ToUpperInvariant() + "\"";
            (long Start, long End)? range = ParseRange(request.Headers.Range, size);
            (long start, long end) = range ?? (0, size - 1);
            if (start > end && range != null)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = "bytes */" + size;
                return;
            }
            response.StatusCode = range == null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
            if (range != null) response.Headers.ContentRange = $"bytes {start}-{end}/{size}";
            response.ContentType = "application/octet-stream";
            response.ContentLength = end - start + 1;
            if (HttpMethods.IsHead(request.Method)) return;
            DownloadFault? fault = site.Faults.Take(file.FaultKey);
            log.LogInformation("download {Path} bytes {Start}-{End}{Fault}", path, start, end, fault == null ? "" : " with fault " + fault);
            try
            {
                await SendAsync(context, content, start, end - start + 1, fault).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                log.LogInformation("download {Path} abandoned by the client", path);
            }
        }
    }

    static async Task SendAsync(HttpContext context, Stream file, long start, long length, DownloadFault? fault)
    {
        Stream body = context.Response.Body;
        CancellationToken cancel = context.RequestAborted;
        long limit = fault?.CutAfterBytes is long cut ? Math.Min(cut, length) : length;
        long? rate = fault?.BytesPerSecond;
        // About ten writes a second under a rate limit, so the pace is even.
        byte[] buffer = new byte[rate is long r ? (int)Math.Clamp(r / 10, 1, Chunk) : Chunk];
        file.Position = start;
        var elapsed = Stopwatch.StartNew();
        long sent = 0;
        while (sent < limit)
        {
            int read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - sent)), cancel).ConfigureAwait(false);
            if (read == 0) break;
            if (fault?.CorruptByteAt is long at && at >= start + sent && at < start + sent + read) buffer[at - start - sent] ^= 0xFF;
            await body.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
            sent += read;
            if (rate is long bytesPerSecond && TimeSpan.FromSeconds((double)sent / bytesPerSecond) - elapsed.Elapsed is { Ticks: > 0 } ahead)
            {
                await body.FlushAsync(cancel).ConfigureAwait(false);
                await Task.Delay(ahead, cancel).ConfigureAwait(false);
            }
        }
        if (sent == length) return;
        // The cut: the bytes written go out, then the connection closes short of the Content-Length announced (Kestrel ends a
        // response it was promised more bytes for by closing the connection, after sending what it has). With nothing
        // written yet there is no such promise to break, so the connection is aborted.
        await body.FlushAsync(cancel).ConfigureAwait(false);
        if (sent == 0) context.Abort();
    }

    // One range, "bytes=N-", "bytes=N-M" or "bytes=-S" (the last S bytes); null (the whole file) for no Range or one the server
    // ignores (several ranges, bad syntax), as OSS does. A start past the end comes back as Start > End: 416.
    static (long Start, long End)? ParseRange(string? header, long size)
    {
        if (header == null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',')) return null;
        string spec = header["bytes=".Length..].Trim();
        int dash = spec.IndexOf('-');
        if (dash < 0) return null;
        string first = spec[..dash].Trim(), last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
            return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix) ? (Math.Max(0, size - suffix), suffix == 0 ? -1 : size - 1) : null;
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long start)) return null;
        if (last.Length == 0) return (start, size - 1);
        if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long end) || end < start) return null;
        return (start, Math.Min(end, size - 1));
    }

    static Task ErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml";
        return response.WriteAsync($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>{code}</Code>
              <Message>{message}</Message>
              <RequestId>{Guid.NewGuid():N}</RequestId>
            </Error>

            """);
    }
}
