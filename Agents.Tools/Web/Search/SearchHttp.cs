using System.Globalization;
using System.Net;
using System.Text;

namespace Agents.Tools.Web.Search;

/// <summary>HTTP GET for search providers: time and size limits, and rate-limit/captcha detection by status.</summary>
internal static class SearchHttp
{
    public static async Task<(int Status, string Body)> GetAsync(
        HttpClient client, Uri url, WebSearchOptions options, string provider, IEnumerable<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            foreach (var h in headers ?? [])
            {
                request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 429 or 202 or 403 || response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var retry = response.Headers.RetryAfter?.Delta is { } delta ? $" Retry after {delta.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s." : string.Empty;
                throw new WebSearchException(provider,
                    $"{provider} is rate-limiting this machine or showing a captcha (HTTP {status}); wait a few minutes, or configure another search provider.{retry}",
                    rateLimited: true);
            }

            if (status is >= 300 and < 400)
            {
                var to = response.Headers.Location is { } l ? UrlGuard.Show(l.ToString()) : "(no location)";
                throw new WebSearchException(provider, $"{provider} redirected to {to}; set base_url to the right endpoint (redirects are not followed).");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WebSearchException(provider, $"{provider} answered HTTP {status} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                throw new WebSearchException(provider, $"{provider}'s answer is over the {options.MaxBytes}-byte limit.");
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > options.MaxBytes)
                    {
                        throw new WebSearchException(provider, $"{provider}'s answer is over the {options.MaxBytes}-byte limit.");
                    }

                    buffer.Write(chunk, 0, read);
                }

                var bytes = buffer.ToArray();
                return (status, CharsetDecoder.Decode(bytes, response.Content.Headers.ContentType?.CharSet, isHtml: true));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSearchException(provider, $"{provider} did not answer within {options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            throw new WebSearchException(provider, $"could not reach {provider}: {e.HttpRequestError}.", false, e);
        }
    }

    public static string Query(string baseQuery, params (string Key, string Value)[] pairs)
    {
        var sb = new StringBuilder(baseQuery);
        foreach (var (k, v) in pairs)
        {
            sb.Append(sb.Length == 0 ? '?' : '&').Append(k).Append('=').Append(Uri.EscapeDataString(v));
        }

        return sb.ToString();
    }
}
