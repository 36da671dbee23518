using Agents.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.OpenAI;

/// <summary><c>POST /v1/completions</c> (legacy text completions): the prompt goes to the chat client as one user
/// message marked <see cref="ChatRequestParser.RawPromptKey"/> so a local engine can skip its chat template.</summary>
public static class CompletionsEndpoint
{
    /// <summary>Handles one request.</summary>
    public static Task HandleAsync(HttpContext context) => OpenAIEndpoint.HandleAsync(context, async () =>
    {
        var options = context.RequestServices.GetRequiredService<AgentsServerOptions>();
        using var document = await RequestBody.ReadJsonObjectAsync(context, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var request = ChatRequestParser.ParseCompletion(document.RootElement);
        var registry = context.RequestServices.GetRequiredService<ModelRegistry>();
        var model = registry.Resolve(request.Model, ServedModelKind.Chat);
        var client = registry.GetChatClient(model);
        using var scope = GenerationScope.Enter(context);
        var id = ChatJson.NewId("cmpl-");
        var created = ChatJson.Now();
        var usage = TokenUsage.Estimate(request.Messages);
        if (!request.Stream)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(request.Messages, request.Options, scope.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!scope.ClientGone)
            {
                throw StreamingDriver.ToRequestError(ex, scope);
            }

            usage.Apply(response.Usage);
            usage.EstimateCompletion(response.Text);
            context.Response.ContentType = "application/json; charset=utf-8";
            var json = ChatJson.TextCompletion(id, created, model, response.Text, ChatJson.FinishReason(response.FinishReason, false), usage, false);
            await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        ChatFinishReason? finish = null;
        var aborted = context.RequestAborted;
        await StreamingDriver.RunAsync(
            context,
            scope,
            client.GetStreamingResponseAsync(request.Messages, request.Options, scope.Token),
            onStart: () => Task.CompletedTask,
            onUpdate: async update =>
            {
                usage.Add(update);
                finish = update.FinishReason ?? finish;
                if (update.Text.Length > 0)
                {
                    await ServerSentEvents.WriteAsync(context, ChatJson.TextCompletion(id, created, model, update.Text, null, null, request.IncludeUsage), aborted).ConfigureAwait(false);
                }
            },
            onEnd: async () =>
            {
                await ServerSentEvents.WriteAsync(context, ChatJson.TextCompletion(id, created, model, string.Empty, ChatJson.FinishReason(finish, false), null, request.IncludeUsage), aborted).ConfigureAwait(false);
                if (request.IncludeUsage)
                {
                    await ServerSentEvents.WriteAsync(context, ChatJson.UsageChunk(id, created, model, "text_completion", usage), aborted).ConfigureAwait(false);
                }

                await ServerSentEvents.WriteDoneAsync(context, aborted).ConfigureAwait(false);
            }).ConfigureAwait(false);
    });
}
