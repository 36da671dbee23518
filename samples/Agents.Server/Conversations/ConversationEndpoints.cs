using System.Text.Json;
using Agents.Server.Hosting;
using Agents.Server.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.Conversations;

/// <summary>REST endpoints under <c>/api/conversations</c> used by the page to keep conversations server-side.</summary>
public static class ConversationEndpoints
{
    private const int MaxMessages = 10_000;

    /// <summary>Maps the endpoints onto <paramref name="group"/> (already protected by the API key filter).</summary>
    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/api/conversations", async (ConversationStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct).ConfigureAwait(false)));
        group.MapPost("/api/conversations", (HttpContext context) => OpenAIEndpoint.HandleAsync(context, async () =>
        {
            using var doc = await ReadAsync(context).ConfigureAwait(false);
            var store = context.RequestServices.GetRequiredService<ConversationStore>();
            var created = await store.CreateAsync(ChatRequestParser.OptionalString(doc.RootElement, "title"), ChatRequestParser.OptionalString(doc.RootElement, "model"), context.RequestAborted).ConfigureAwait(false);
            await Results.Created($"/api/conversations/{created.Id}", created).ExecuteAsync(context).ConfigureAwait(false);
        }));
        group.MapGet("/api/conversations/{id}", async (string id, ConversationStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct).ConfigureAwait(false) is { } conversation ? Results.Ok(conversation) : NotFound(id));
        group.MapPut("/api/conversations/{id}", (HttpContext context, string id) => OpenAIEndpoint.HandleAsync(context, async () =>
        {
            using var doc = await ReadAsync(context).ConfigureAwait(false);
            var root = doc.RootElement;
            var messages = ParseMessages(root);
            var store = context.RequestServices.GetRequiredService<ConversationStore>();
            var found = await store.ReplaceAsync(id, ChatRequestParser.OptionalString(root, "title"), ChatRequestParser.OptionalString(root, "model"), messages, context.RequestAborted).ConfigureAwait(false);
            await (found ? Results.NoContent() : NotFound(id)).ExecuteAsync(context).ConfigureAwait(false);
        }));
        group.MapDelete("/api/conversations/{id}", async (string id, ConversationStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : NotFound(id));
    }

    private static IResult NotFound(string id) =>
        Results.Json(JsonDocument.Parse(OpenAIErrors.ToJson($"Conversation '{id}' does not exist.", "invalid_request_error", "not_found")).RootElement, statusCode: 404);

    private static Task<JsonDocument> ReadAsync(HttpContext context) =>
        RequestBody.ReadJsonObjectAsync(context, context.RequestServices.GetRequiredService<AgentsServerOptions>().MaxRequestBodyBytes, context.RequestAborted);

    private static List<ConversationMessage> ParseMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw OpenAIRequestException.BadField("messages", "'messages' must be an array.");
        }

        if (messages.GetArrayLength() > MaxMessages)
        {
            throw OpenAIRequestException.BadField("messages", $"A conversation holds at most {MaxMessages} messages.");
        }

        var result = new List<ConversationMessage>();
        var i = 0;
        foreach (var item in messages.EnumerateArray())
        {
            var path = $"messages[{i++}]";
            var role = item.ValueKind == JsonValueKind.Object ? ChatRequestParser.OptionalString(item, "role") : null;
            if (role is not ("user" or "assistant" or "system"))
            {
                throw OpenAIRequestException.BadField($"{path}.role", $"'{path}.role' must be user, assistant or system.");
            }

            var content = ChatRequestParser.OptionalString(item, "content") ?? string.Empty;
            var meta = ChatRequestParser.OptionalString(item, "meta");
            result.Add(new ConversationMessage(role, content, meta));
        }

        return result;
    }
}
