using System.Runtime.CompilerServices;
using Agents.Models.Engine;
using Agents.Server.OpenAI;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands.Serve;

/// <summary>Serves <c>/v1/completions</c> as a true text completion on a local model: a request marked
/// <see cref="ChatRequestParser.RawPromptKey"/> is decoded from the prompt text itself, without the chat template.
/// Everything else passes through to the chat client.</summary>
internal sealed class RawPromptChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!IsRaw(options))
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsRaw(options))
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var model = await LoadModelAsync(cancellationToken);
        var clean = options!.Clone();
        clean.AdditionalProperties!.Remove(ChatRequestParser.RawPromptKey);
        var prompt = string.Concat(messages.Select(m => m.Text));
        await foreach (var update in model.GenerateStreamingAsync(prompt, clean, cancellationToken))
        {
            yield return update;
        }
    }

    private static bool IsRaw(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ChatRequestParser.RawPromptKey, out var raw) == true && raw is true;

    private async Task<LocalModel> LoadModelAsync(CancellationToken cancellationToken)
    {
        if (InnerClient.GetService<LocalModel>() is { } loaded)
        {
            return loaded;
        }

        // The engine loads on first use: one token of a chat request loads it, then the model is shared.
        await foreach (var _ in base.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, " ")], new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, cancellationToken))
        {
        }

        return InnerClient.GetService<LocalModel>()
            ?? throw new NotSupportedException("This model does not support raw text completions; use /v1/chat/completions.");
    }
}
