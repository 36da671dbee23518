using Agents.Core.Loop;
using Agents.Server.Hosting;
using Agents.Server.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.AgentRuns;

/// <summary><c>POST /v1/agents/{recipe}/runs</c> with <c>{"task": "..."}</c>: runs the agent and streams every loop
/// event as SSE (<see cref="AgentEventJson"/>), ending with <c>data: [DONE]</c>. Errors before the first event are
/// plain HTTP errors; a disconnect cancels the run.</summary>
public static class AgentRunEndpoint
{
    /// <summary>Largest task accepted, in characters.</summary>
    public const int MaxTaskLength = 100_000;

    /// <summary>Handles one run.</summary>
    public static Task HandleAsync(HttpContext context, string recipe) => OpenAIEndpoint.HandleAsync(context, async () =>
    {
        var options = context.RequestServices.GetRequiredService<AgentsServerOptions>();
        using var document = await RequestBody.ReadJsonObjectAsync(context, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var task = ChatRequestParser.OptionalString(document.RootElement, "task");
        if (string.IsNullOrWhiteSpace(task))
        {
            throw new OpenAIRequestException(400, "Missing required parameter: 'task' (a non-empty string).", "invalid_request_error", "missing_required_parameter", "task");
        }

        if (task.Length > MaxTaskLength)
        {
            throw OpenAIRequestException.BadField("task", $"'task' is longer than {MaxTaskLength} characters.");
        }

        var name = context.RequestServices.GetRequiredService<ModelRegistry>().Resolve(recipe, ServedModelKind.Agent);
        var runner = context.RequestServices.GetKeyedService<AgentRunner>(name)
            ?? throw new OpenAIRequestException(400, $"Agent '{name}' is listed but no AgentRunner is registered under that key.", "invalid_request_error", "model_not_found", "recipe");
        using var scope = GenerationScope.Enter(context);
        var aborted = context.RequestAborted;
        await StreamingDriver.RunAsync(
            context,
            scope,
            runner.RunAsync(task, null, scope.Token),
            onStart: () => Task.CompletedTask,
            onUpdate: e => ServerSentEvents.WriteAsync(context, AgentEventJson.Write(e), aborted),
            onEnd: () => ServerSentEvents.WriteDoneAsync(context, aborted)).ConfigureAwait(false);
    });
}
