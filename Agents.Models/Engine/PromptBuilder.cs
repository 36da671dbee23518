using Agents.Models.Templates;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>Renders messages with a chat template and tokenizes them, fitting the result into the context.</summary>
internal static class PromptBuilder
{
    public static LLamaToken[] Build(LocalModel model, IChatTemplate template, IEnumerable<ChatMessage> messages, ChatOptions? options, ContextOverflowPolicy policy)
    {
        var list = messages.ToList();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            list.Insert(0, new ChatMessage(ChatRole.System, options.Instructions));
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one message is needed.", nameof(messages));
        }

        while (true)
        {
            var tokens = Tokenize(model, template.Render(list, addGenerationPrompt: true));
            if (tokens.Length < model.ContextSize)
            {
                return tokens;
            }

            var first = list.FindIndex(m => m.Role != ChatRole.System);
            if (policy != ContextOverflowPolicy.DropOldestTurns || first < 0 || first >= list.Count - 1)
            {
                throw new ContextOverflowException(tokens.Length, model.ContextSize);
            }

            // Drop the oldest turn, then whatever answered it, so the kept history starts with a user turn.
            list.RemoveAt(first);
            while (first < list.Count - 1 && list[first].Role != ChatRole.User)
            {
                list.RemoveAt(first);
            }
        }
    }

    /// <summary>Tokenizes rendered text; a template that writes the BOS token itself does not get a second one.</summary>
    public static LLamaToken[] Tokenize(LocalModel model, string text)
    {
        var vocab = model.Handle.Vocab;
        var addSpecial = true;
        if (vocab.BOS is { } bos && vocab.LLamaTokenToString(bos, true) is { Length: > 0 } bosText && text.StartsWith(bosText, StringComparison.Ordinal))
        {
            addSpecial = false;
        }

        return model.TokenizeCore(text, addSpecial, parseSpecial: true);
    }
}
