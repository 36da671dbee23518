using Agents.Server.Conversations;
using Agents.Server.Hosting;
using Agents.Server.OpenAI;
using Agents.Server.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OpenAI-compatible API, the conversation API and the web page.</summary>
public static class AgentsApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every endpoint. Public: <c>/</c> (page files), <c>/health</c>, <c>GET /v1/models</c>.
    /// Everything else needs the API key when one is configured.</summary>
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/health", (ConcurrencyGate gate, ModelRegistry registry) =>
            Results.Json(new { status = "ok", models = registry.Models.Count, active = gate.Active }));
        endpoints.MapGet("/v1/models", ModelsEndpoint.ListAsync);
        endpoints.MapGet("/v1/models/{id}", ModelsEndpoint.GetAsync);

        var options = endpoints.ServiceProvider.GetRequiredService<AgentsServerOptions>();
        var secured = endpoints.MapGroup(string.Empty).AddEndpointFilter(new ApiKeyEndpointFilter(options));
        secured.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        secured.MapPost("/v1/completions", CompletionsEndpoint.HandleAsync);
        secured.MapPost("/v1/embeddings", EmbeddingsEndpoint.HandleAsync);
        ConversationEndpoints.Map(secured);
        AgentRunEndpointMapper.Map(secured);

        endpoints.MapGet("/", (HttpContext context) => WebPage.ServeAsync(context, "index.html"));
        foreach (var name in WebPage.FileNames.Where(n => n != "index.html"))
        {
            endpoints.MapGet("/" + name, (HttpContext context) => WebPage.ServeAsync(context, name));
        }

        endpoints.Map("/v1/{**rest}", (HttpContext context, string rest) =>
            OpenAIErrors.WriteAsync(context, 404, $"Unknown endpoint: {context.Request.Method} /v1/{rest}.", "invalid_request_error", "unknown_url"));
        return endpoints;
    }
}
