using Microsoft.Extensions.AI;

namespace Agents.Models.Templates;

/// <summary>Turns a conversation into the exact prompt text one model family was trained on.</summary>
public interface IChatTemplate
{
    /// <summary>The template's name (e.g. <c>chatml</c>, <c>llama3</c>, <c>alpaca</c>).</summary>
    string Name { get; }

    /// <summary>Strings that end the assistant's turn in this format (e.g. <c>&lt;|im_end|&gt;</c>); generation stops at them.</summary>
    IReadOnlyList<string> StopSequences { get; }

    /// <summary>Renders the messages; with <paramref name="addGenerationPrompt"/> the text ends where the assistant's reply begins.</summary>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true);
}
