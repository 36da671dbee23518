using System.Security.Cryptography;
using System.Text;
using Agents.Server.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.Hosting;

/// <summary>Requires <c>Authorization: Bearer KEY</c> when <see cref="AgentsServerOptions.ApiKey"/> is set
/// (compared in constant time); answers 401 in OpenAI's shape otherwise.</summary>
public sealed class ApiKeyEndpointFilter(AgentsServerOptions options) : IEndpointFilter
{
    private readonly byte[]? _key = string.IsNullOrEmpty(options?.ApiKey) ? null : Encoding.UTF8.GetBytes(options.ApiKey);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_key is not null && !IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            await OpenAIErrors.WriteAsync(context.HttpContext, 401, "Incorrect or missing API key. Send it as 'Authorization: Bearer <key>'.", "invalid_request_error", "invalid_api_key").ConfigureAwait(false);
            return Results.Empty;
        }

        return await next(context).ConfigureAwait(false);
    }

    private bool IsAuthorized(string header)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _key);
    }
}
