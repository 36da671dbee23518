using Microsoft.AspNetCore.Http;

namespace Agents.Server.OpenAI;

/// <summary>Writes <c>data: …</c> events and flushes each one so tokens leave the server as they are made.</summary>
public static class ServerSentEvents
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Sends the SSE headers (status 200) and flushes them.</summary>
    public static async Task StartAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one JSON event: one write into Kestrel's pipe and one flush per event.</summary>
    public static async Task WriteAsync(HttpContext context, byte[] json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(json);
        var writer = context.Response.BodyWriter;
        var span = writer.GetSpan(Prefix.Length + json.Length + Suffix.Length);
        Prefix.CopyTo(span);
        json.CopyTo(span[Prefix.Length..]);
        Suffix.CopyTo(span[(Prefix.Length + json.Length)..]);
        writer.Advance(Prefix.Length + json.Length + Suffix.Length);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <c>data: [DONE]</c>.</summary>
    public static async Task WriteDoneAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
