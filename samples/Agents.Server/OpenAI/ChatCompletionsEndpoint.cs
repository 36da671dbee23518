using Agents.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>, streaming and not.</summary>
public static class ChatCompletionsEndpoint
{
    /// <summary>Handles one request.</summary>
    public static Task HandleAsync(HttpContext context) => OpenAIEndpoint.HandleAsync(context, async () =>
    {
        var options = context.RequestServices.GetRequiredService<AgentsServerOptions>();
        using var document = await RequestBody.ReadJsonObjectAsync(context, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var request = ChatRequestParser.ParseChat(document.RootElement, options.MaxMessages);
        var registry = context.RequestServices.GetRequiredService<ModelRegistry>();
        var model = registry.Resolve(request.Model, ServedModelKind.Chat);
        var client = registry.GetChatClient(model);
        using var scope = GenerationScope.Enter(context);
        if (request.Stream)
        {
            await StreamAsync(context, scope, client, model, request).ConfigureAwait(false);
            return;
        }

        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(request.Messages, request.Options, scope.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!scope.ClientGone)
        {
            throw StreamingDriver.ToRequestError(ex, scope);
        }

        var usage = TokenUsage.Estimate(request.Messages);
        usage.Apply(response.Usage);
        usage.EstimateCompletion(response.Text);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(ChatJson.Completion(ChatJson.NewId("chatcmpl-"), ChatJson.Now(), model, response, usage), context.RequestAborted).ConfigureAwait(false);
    });

    private static Task StreamAsync(HttpContext context, GenerationScope scope, IChatClient client, string model, ChatRequest request)
    {
        var id = ChatJson.NewId("chatcmpl-");
        var created = ChatJson.Now();
        var usage = TokenUsage.Estimate(request.Messages);
        ChatFinishReason? finish = null;
        var calls = new List<FunctionCallContent>();
        var aborted = context.RequestAborted;
        return StreamingDriver.RunAsync(
            context,
            scope,
            client.GetStreamingResponseAsync(request.Messages, request.Options, scope.Token),
            onStart: () => ServerSentEvents.WriteAsync(context, ChatJson.Chunk(id, created, model, "assistant", string.Empty, null, null, request.IncludeUsage), aborted),
            onUpdate: async update =>
            {
                usage.Add(update);
                finish = update.FinishReason ?? finish;
                var newCalls = update.Contents.OfType<FunctionCallContent>().ToList();
                calls.AddRange(newCalls);
                var text = update.Text;
                if (text.Length > 0 || newCalls.Count > 0)
                {
                    await ServerSentEvents.WriteAsync(context, ChatJson.Chunk(id, created, model, null, text.Length > 0 ? text : null, newCalls, null, request.IncludeUsage), aborted).ConfigureAwait(false);
                }
            },
            onEnd: async () =>
            {
                await ServerSentEvents.WriteAsync(context, ChatJson.Chunk(id, created, model, null, null, null, ChatJson.FinishReason(finish, calls.Count > 0), request.IncludeUsage), aborted).ConfigureAwait(false);
                if (request.IncludeUsage)
                {
                    await ServerSentEvents.WriteAsync(context, ChatJson.UsageChunk(id, created, model, "chat.completion.chunk", usage), aborted).ConfigureAwait(false);
                }

                await ServerSentEvents.WriteDoneAsync(context, aborted).ConfigureAwait(false);
            });
    }
}
