using System.Net;
using System.Security.Cryptography;

namespace Agents.Models.Tests.Store;

/// <summary>Serves one model file like a download host: Range requests, ETag, optional faults.</summary>
internal sealed class ModelFileServer : IDisposable
{
    private readonly LocalHttpServer _server;

    public ModelFileServer(byte[] content, string path = "/models/tiny.gguf")
    {
        Content = content;
        FilePath = path;
        _server = LocalHttpServer.Start(HandleAsync);
    }

    public byte[] Content { get; }

    /// <summary>What is actually sent (defaults to <see cref="Content"/>; set to corrupt bytes to simulate damage).</summary>
    public byte[]? Served { get; set; }

    public string FilePath { get; set; }

    /// <summary>A path that answers 302 to <see cref="FilePath"/> with <see cref="LinkedEtag"/> (as Hugging Face does for LFS files).</summary>
    public string? RedirectFrom { get; set; }

    /// <summary>Where <see cref="RedirectFrom"/> points (another server); <see cref="FilePath"/> on this server when null.</summary>
    public Uri? RedirectTarget { get; set; }

    public string? ETag { get; set; }

    public string? LinkedEtag { get; set; }

    public bool IgnoreRange { get; set; }

    /// <summary>On the first file request, send this many bytes then drop the connection.</summary>
    public int? DropFirstAfter { get; set; }

    /// <summary>Pause before answering each file request.</summary>
    public TimeSpan Delay { get; set; }

    public Uri FileUri => new(_server.BaseUri, FilePath);

    public Uri BaseUri => _server.BaseUri;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests.ToArray();

    public IReadOnlyList<RecordedRequest> FileRequests => Requests.Where(r => r.Path == FilePath).ToArray();

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public void Dispose() => _server.Dispose();

    private int _fileRequests;

    private async Task HandleAsync(HttpListenerContext context, int number)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        if (RedirectFrom is not null && path == RedirectFrom)
        {
            response.StatusCode = 302;
            response.RedirectLocation = RedirectTarget?.ToString() ?? FilePath + "?signed=1";
            if (LinkedEtag is not null)
            {
                response.Headers["X-Linked-Etag"] = $"\"{LinkedEtag}\"";
            }

            return;
        }

        if (path != FilePath)
        {
            response.StatusCode = 404;
            return;
        }

        var first = Interlocked.Increment(ref _fileRequests) == 1;
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var data = Served ?? Content;
        long start = 0;
        var range = request.Headers["Range"];
        if (!IgnoreRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range[6..^1]);
            var ifRange = request.Headers["If-Range"];
            if (ifRange is not null && ETag is not null && ifRange != $"\"{ETag}\"")
            {
                start = 0;
            }
        }

        if (ETag is not null)
        {
            response.Headers["ETag"] = $"\"{ETag}\"";
        }

        if (start >= data.Length && start > 0)
        {
            response.StatusCode = 416;
            response.Headers["Content-Range"] = $"bytes */{data.Length}";
            return;
        }

        if (start > 0)
        {
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{data.Length - 1}/{data.Length}";
        }

        response.ContentLength64 = data.Length - start;
        var output = response.OutputStream;
        if (first && DropFirstAfter is { } drop)
        {
            await output.WriteAsync(data.AsMemory((int)start, drop));
            await output.FlushAsync();
            await Task.Delay(50);
            response.Abort();
            return;
        }

        await output.WriteAsync(data.AsMemory((int)start));
    }
}
