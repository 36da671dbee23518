using Agents.Server.AgentRuns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Agents.Server.Hosting;

/// <summary>Maps <c>POST /v1/agents/{recipe}/runs</c>.</summary>
internal static class AgentRunEndpointMapper
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/v1/agents/{recipe}/runs", AgentRunEndpoint.HandleAsync);
}
