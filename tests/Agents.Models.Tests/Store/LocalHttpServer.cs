using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Agents.Models.Tests.Store;

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener) that runs a handler per request and records what it got.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, int, Task> _handler;
    private int _count;

    private LocalHttpServer(HttpListener listener, Uri baseUri, Func<HttpListenerContext, int, Task> handler)
    {
        _listener = listener;
        BaseUri = baseUri;
        _handler = handler;
        _ = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Starts a server; the handler gets the context and the 0-based number of the request.</summary>
    public static LocalHttpServer Start(Func<HttpListenerContext, int, Task> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new LocalHttpServer(listener, new Uri(prefix), handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A port nothing listens on (bound then released).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _count) - 1;
            string body;
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                body = await reader.ReadToEndAsync();
            }

            Requests.Enqueue(new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Headers["Range"],
                context.Request.Headers["If-Range"],
                context.Request.Headers["Authorization"],
                body));
            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(context, number);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    try
                    {
                        context.Response.Abort();
                    }
                    catch (Exception)
                    {
                    }
                }
            });
        }
    }
}

internal sealed record RecordedRequest(string Method, string Path, string? Range, string? IfRange, string? Authorization, string Body);
