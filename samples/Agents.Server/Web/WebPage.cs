using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.Web;

/// <summary>The chat page: plain HTML/CSS/JS embedded in this assembly, served with a strict Content-Security-Policy.</summary>
public static class WebPage
{
    /// <summary>The policy sent with the page: own scripts and styles only, no inline code, no remote anything.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, byte[]> Files = LoadFiles();

    /// <summary>Names of the served files (for example <c>app.js</c>).</summary>
    public static IEnumerable<string> FileNames => Files.Keys;

    /// <summary>Serves <paramref name="name"/> (or 404) with the security headers.</summary>
    public static async Task ServeAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        AddSecurityHeaders(context.Response);
        if (!Files.TryGetValue(name, out var bytes))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Adds CSP, nosniff, no-referrer and frame denial.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(WebPage).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource["wwwroot/".Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
