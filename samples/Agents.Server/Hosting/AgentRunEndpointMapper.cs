using Agents.Server.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Agents.Server.Hosting;

/// <summary>Maps <c>POST /v1/agents/{recipe}/runs</c>.</summary>
internal static class AgentRunEndpointMapper
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/v1/agents/{recipe}/runs", (HttpContext context, string recipe) =>
            OpenAIErrors.WriteAsync(context, 501, $"Agent runs are not available in this build (recipe '{recipe}').", "server_error", "not_implemented"));
    }
}
