using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Agents.Tools.Web;

/// <summary>
/// Fetches one web page for an agent, safely: the URL passes <see cref="UrlGuard"/>, the connection passes
/// the address check in <see cref="GuardedConnector"/> (no proxy, so the check sees the real peer), redirects
/// are followed by hand and each target is checked again, and time, size and redirect limits apply to the
/// whole fetch. HTML becomes its main text, title and links; PDFs their text; text/* and JSON stay as they are.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private readonly WebFetchOptions _options;
    private readonly UrlGuard _guard;
    private readonly HttpClient _client;

    /// <summary>Creates the fetcher with <paramref name="options"/> (defaults when null).</summary>
    public PageFetcher(WebFetchOptions? options = null)
    {
        _options = options?.Clone() ?? new WebFetchOptions();
        if (_options.Timeout <= TimeSpan.Zero || _options.MaxBytes <= 0 || _options.MaxRedirects < 0 || _options.MaxTextChars <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "fetch limits must be positive.");
        }

        _guard = new UrlGuard(_options.AllowedHosts);
        var connector = new GuardedConnector(_guard, _options.Resolver);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 64,
            ConnectCallback = connector.ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fetches <paramref name="url"/>.</summary>
    /// <exception cref="FetchBlockedException">The URL, a redirect or a resolved address was refused.</exception>
    /// <exception cref="ToolException">Timeout, size limit, HTTP error or unsupported content.</exception>
    public async Task<FetchedPage> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await FetchCoreAsync(_guard.Check(url), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"timed out after {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e) when (Find<FetchBlockedException>(e) is { } blocked)
        {
            throw new FetchBlockedException(blocked.Message["blocked: ".Length..], blocked.Url);
        }
        catch (HttpRequestException e) when (Find<ToolException>(e) is { } inner)
        {
            throw new ToolException(FetchPageTool.ToolName, inner.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw Fail($"the request failed: {e.HttpRequestError} ({UrlGuard.Show(e.Message)}).", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<FetchedPage> FetchCoreAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            // HTTP/1.1 only: an HTTP/3 (QUIC) connection would not go through ConnectCallback and its address check.
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5");
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location ?? throw Fail($"HTTP {status} redirect without a Location header from {uri}.");
                if (redirects >= _options.MaxRedirects)
                {
                    throw Fail($"too many redirects (limit {_options.MaxRedirects}); last one went to {UrlGuard.Show(location.ToString())}.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                try
                {
                    uri = _guard.Check(next.AbsoluteUri);
                }
                catch (FetchBlockedException e)
                {
                    throw new FetchBlockedException($"redirect to {UrlGuard.Show(next.AbsoluteUri)} refused: {e.Message["blocked: ".Length..]}", next.AbsoluteUri);
                }

                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Fail($"HTTP {status} {response.ReasonPhrase} from {uri}.");
            }

            var bytes = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType;
            var final = uri;

            // Extraction is CPU work on untrusted input (a pathological PDF or HTML page): it runs under the same deadline.
            return await Task.Run(() => Extract(final, contentType, bytes, redirects), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > _options.MaxBytes)
        {
            throw Fail($"the response is {declared} bytes, over the {_options.MaxBytes}-byte limit.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > _options.MaxBytes)
                {
                    throw Fail($"the response is over the {_options.MaxBytes}-byte limit.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }

    private FetchedPage Extract(Uri uri, MediaTypeHeaderValue? contentType, byte[] bytes, int redirects)
    {
        var media = contentType?.MediaType?.ToLowerInvariant() ?? string.Empty;
        var looksPdf = bytes.Length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-';
        if (media == "application/pdf" || (looksPdf && media is "" or "application/octet-stream" or "binary/octet-stream"))
        {
            var (pdfTitle, pdfText) = PdfTextExtractor.Extract(bytes, _options.MaxPdfPages);
            return new FetchedPage(uri, "application/pdf", pdfTitle, pdfText, [], redirects);
        }

        var isHtml = media is "text/html" or "application/xhtml+xml" || (media.Length == 0 && LooksLikeHtml(bytes));
        if (isHtml)
        {
            var html = CharsetDecoder.Decode(bytes, contentType?.CharSet, isHtml: true);
            var (title, text, links) = HtmlPageExtractor.Extract(html, uri, _options.MaxLinks);
            return new FetchedPage(uri, "text/html", title, text, links, redirects);
        }

        if (media.StartsWith("text/", StringComparison.Ordinal) || media.EndsWith("json", StringComparison.Ordinal)
            || media.EndsWith("xml", StringComparison.Ordinal) || media.Length == 0)
        {
            var text = CharsetDecoder.Decode(bytes, contentType?.CharSet, isHtml: false);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw Fail($"the response from {uri} is binary data, not text.");
            }

            return new FetchedPage(uri, media.Length == 0 ? "text/plain" : media, string.Empty, text, [], redirects);
        }

        throw Fail($"unsupported content type '{UrlGuard.Show(media)}' from {uri} (HTML, text and PDF can be read).");
    }

    private static bool LooksLikeHtml(byte[] bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 512)).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal);
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T t)
            {
                return t;
            }
        }

        return null;
    }

    private static ToolException Fail(string message, Exception? inner = null) => new(FetchPageTool.ToolName, message, inner);
}
