using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Agents.Models.Store;

/// <summary>
/// Downloads one file into a partial file: resumes with an HTTP Range request (and If-Range when the server gave
/// a strong validator), restarts cleanly when the server ignores the range, follows redirects by hand so the
/// hash Hugging Face publishes on its first answer is seen, and hashes while writing.
/// </summary>
internal sealed class ModelDownloader(HttpClient http, ModelStoreOptions options)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Downloads <paramref name="reference"/> into <paramref name="partialPath"/>, retrying interrupted transfers.</summary>
    public async Task<DownloadOutcome> DownloadAsync(ModelReference reference, string partialPath, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var meter = new ProgressMeter(reference.FileName, progress, options.ProgressInterval);
        var state = new TransferState();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TransferAsync(reference, partialPath, meter, state, cancellationToken).ConfigureAwait(false);
            }
            catch (TransientDownloadException ex) when (attempt < options.MaxRetries)
            {
                _ = ex;
                await Task.Delay(options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (TransientDownloadException ex)
            {
                var have = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
                throw new ModelDownloadException(reference.DownloadUri,
                    $"Download of {reference.DownloadUri} failed after {attempt + 1} attempt(s): {ex.Message}. {have} bytes are kept in '{partialPath}'; pull again to resume.",
                    ex.StatusCode, ex.InnerException ?? ex);
            }
        }
    }

    private async Task<DownloadOutcome> TransferAsync(ModelReference reference, string partialPath, ProgressMeter meter, TransferState state, CancellationToken cancellationToken)
    {
        var metaPath = partialPath + ".meta";
        var offset = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        var validator = offset > 0 && File.Exists(metaPath) ? (await File.ReadAllTextAsync(metaPath, cancellationToken).ConfigureAwait(false)).Trim() : null;

        using var response = await SendAsync(reference, offset, validator, state, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        long? total;
        if (offset > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            var size = response.Content.Headers.ContentRange?.Length;
            if (size == offset)
            {
                return new DownloadOutcome(await HashFileAsync(partialPath, cancellationToken).ConfigureAwait(false), state.HubSha256, offset);
            }

            DeletePartial(partialPath);
            throw new TransientDownloadException($"the server refused to resume at byte {offset} (HTTP 416); starting over", status);
        }

        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (offset == 0 || range is null || !range.HasRange || range.From != offset || (range.Unit ?? "bytes") != "bytes")
            {
                DeletePartial(partialPath);
                throw new TransientDownloadException($"the server answered 206 with Content-Range '{range}' for a request from byte {offset}; starting over", status);
            }

            total = range.Length;
        }
        else if (response.StatusCode == HttpStatusCode.OK)
        {
            offset = 0; // the server ignored Range (or If-Range said the file changed): restart from byte 0
            total = response.Content.Headers.ContentLength;
            await File.WriteAllTextAsync(metaPath, StrongValidator(response) ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw Failure(reference, response);
        }

        if (total > options.MaxDownloadBytes)
        {
            throw new ModelDownloadException(reference.DownloadUri, $"{reference.DownloadUri} is {total} bytes, more than the limit of {options.MaxDownloadBytes} bytes (ModelStoreOptions.MaxDownloadBytes).");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var file = new FileStream(partialPath, offset == 0 ? FileMode.Create : FileMode.Open, FileAccess.ReadWrite, FileShare.None, BufferSize);
        await using (file.ConfigureAwait(false))
        {
            if (offset > 0)
            {
                await HashPrefixAsync(file, offset, hash, cancellationToken).ConfigureAwait(false);
            }

            meter.Start(offset);
            var received = await CopyBodyAsync(reference, response, file, hash, offset, total, meter, cancellationToken).ConfigureAwait(false);
            if (total is { } expected && received != expected)
            {
                throw new TransientDownloadException($"the connection closed at byte {received} of {expected}", null);
            }

            meter.Report(received, total ?? received, force: true);
            return new DownloadOutcome(Convert.ToHexStringLower(hash.GetHashAndReset()), state.HubSha256, received);
        }
    }

    private async Task<long> CopyBodyAsync(ModelReference reference, HttpResponseMessage response, FileStream file, IncrementalHash hash, long offset, long? total, ProgressMeter meter, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = new byte[BufferSize];
        var received = offset;
        try
        {
            timeout.CancelAfter(options.ReadTimeout);
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (true)
                {
                    timeout.CancelAfter(options.ReadTimeout);
                    var read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return received;
                    }

                    received += read;
                    if (received > options.MaxDownloadBytes)
                    {
                        throw new ModelDownloadException(reference.DownloadUri, $"{reference.DownloadUri} sent more than the limit of {options.MaxDownloadBytes} bytes (ModelStoreOptions.MaxDownloadBytes).");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    meter.Report(received, total);
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TransientDownloadException($"no data for {options.ReadTimeout.TotalSeconds:0.#} s at byte {received}", null, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TransientDownloadException($"the connection broke at byte {received} ({ex.Message})", null, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(ModelReference reference, long offset, string? validator, TransferState state, CancellationToken cancellationToken)
    {
        var uri = reference.DownloadUri;
        for (var hop = 0; ; hop++)
        {
            CheckScheme(reference, uri);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (reference.IsHuggingFace && !string.IsNullOrEmpty(options.HuggingFaceToken) && IsHub(uri))
            {
                // Only the hub itself gets the token, never the storage hosts it redirects to.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.HuggingFaceToken);
            }

            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
                if (!string.IsNullOrEmpty(validator))
                {
                    request.Headers.TryAddWithoutValidation("If-Range", validator);
                }
            }

            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.ReadTimeout);
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientDownloadException($"{uri.GetLeftPart(UriPartial.Path)} did not answer within {options.ReadTimeout.TotalSeconds:0.#} s", null, ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new TransientDownloadException($"cannot reach {uri.GetLeftPart(UriPartial.Authority)} ({ex.Message})", null, ex);
                }
            }

            if (reference.IsHuggingFace)
            {
                state.HubSha256 ??= HubHash(response, hop == 0);
            }

            var code = (int)response.StatusCode;
            if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= options.MaxRedirects)
                {
                    throw new ModelDownloadException(reference.DownloadUri, $"{reference.DownloadUri} redirected more than {options.MaxRedirects} times.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                {
                    throw new ModelDownloadException(reference.DownloadUri, $"{uri.GetLeftPart(UriPartial.Path)} redirected from https to {next.Scheme}; refused.");
                }

                uri = next;
                continue;
            }

            return response;
        }
    }

    private bool IsHub(Uri uri)
    {
        var hub = options.HuggingFaceBaseUri;
        return uri.Scheme == hub.Scheme && string.Equals(uri.Host, hub.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == hub.Port;
    }

    private void CheckScheme(ModelReference reference, Uri uri)
    {
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || options.AllowInsecureHttp)))
        {
            return;
        }

        throw new ModelDownloadException(reference.DownloadUri, $"{uri.GetLeftPart(UriPartial.Path)} is not https; plain http is only used for loopback hosts unless ModelStoreOptions.AllowInsecureHttp is set.");
    }

    private static Exception Failure(ModelReference reference, HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var where = reference.DownloadUri;
        var what = reference.IsHuggingFace ? $"'{reference.FilePath}' in {reference.Owner}/{reference.Repository} at revision '{reference.Revision}'" : where.ToString();
        return code switch
        {
            404 => new ModelDownloadException(where, $"Model file not found (HTTP 404): {what}. {(reference.IsHuggingFace ? "Check the owner, repository, file name and revision." : "Check the URL.")}", code),
            401 or 403 => new ModelDownloadException(where, $"Access denied (HTTP {code}) to {what}: the repository may be private or gated.", code),
            408 or 429 or >= 500 => new TransientDownloadException($"the server answered HTTP {code} {response.ReasonPhrase}", code),
            _ => new ModelDownloadException(where, $"Download of {what} failed: HTTP {code} {response.ReasonPhrase}.", code),
        };
    }

    private static string? HubHash(HttpResponseMessage response, bool firstHop)
    {
        if (response.Headers.TryGetValues("X-Linked-Etag", out var linked) && AsSha256(linked.FirstOrDefault()) is { } fromLinked)
        {
            return fromLinked;
        }

        return firstHop && response.IsSuccessStatusCode ? AsSha256(response.Headers.ETag?.Tag) : null;
    }

    internal static string? AsSha256(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
    }

    private static string? StrongValidator(HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            return etag.Tag;
        }

        return response.Content.Headers.LastModified is { } modified ? modified.ToString("r") : null;
    }

    private static async Task HashPrefixAsync(FileStream file, long length, IncrementalHash hash, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var buffer = new byte[BufferSize];
        long done = 0;
        while (done < length)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"'{file.Name}' shrank while it was being resumed.");
            }

            hash.AppendData(buffer, 0, read);
            done += read;
        }

        file.SetLength(length);
        file.Position = length;
    }

    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    internal static void DeletePartial(string partialPath)
    {
        File.Delete(partialPath);
        File.Delete(partialPath + ".meta");
    }

    private sealed class TransferState
    {
        public string? HubSha256 { get; set; }
    }
}

/// <summary>What a finished transfer produced.</summary>
internal sealed record DownloadOutcome(string Sha256, string? HubSha256, long Size);

/// <summary>A failure worth resuming after (connection lost, timeout, 5xx).</summary>
internal sealed class TransientDownloadException(string message, int? statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}
