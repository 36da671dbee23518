using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agents.Server.OpenAI;

/// <summary>Runs an endpoint body and turns whatever escapes it into an OpenAI error (when nothing was sent yet).</summary>
public static class OpenAIEndpoint
{
    /// <summary>Runs <paramref name="body"/>; maps <see cref="OpenAIRequestException"/> to its status, anything else to 500.</summary>
    public static async Task HandleAsync(HttpContext context, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OpenAIRequestException ex)
        {
            await OpenAIErrors.WriteAsync(context, ex).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // Client gone.
        }
        catch (Exception ex)
        {
            context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Agents.Server").LogError(ex, "Request {Path} failed", context.Request.Path);
            await OpenAIErrors.WriteAsync(context, 500, "The server failed to handle the request.", "server_error", "internal_error").ConfigureAwait(false);
        }
    }
}
