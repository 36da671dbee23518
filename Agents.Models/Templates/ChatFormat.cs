namespace Agents.Models.Templates;

/// <summary>
/// A chat format as data: one pattern per role. Patterns may use <c>{content}</c> (the message text),
/// <c>{round}</c> (1-based user turn number) and, in <see cref="SystemMerge"/>, <c>{system}</c>.
/// </summary>
/// <param name="Name">The format's name, e.g. <c>chatml</c>.</param>
/// <param name="Prefix">Text written once before the first turn (not the BOS token: the tokenizer adds that).</param>
/// <param name="System">Pattern of a system turn (used with <see cref="SystemPromptMode.OwnTurn"/>).</param>
/// <param name="User">Pattern of a user turn.</param>
/// <param name="Assistant">Pattern of a finished assistant turn.</param>
/// <param name="GenerationPrompt">Text that opens the assistant's reply.</param>
/// <param name="StopSequences">Strings that end an assistant turn.</param>
public sealed record ChatFormat(
    string Name,
    string Prefix,
    string System,
    string User,
    string Assistant,
    string GenerationPrompt,
    IReadOnlyList<string> StopSequences)
{
    /// <summary>Where the system prompt goes.</summary>
    public SystemPromptMode SystemMode { get; init; } = SystemPromptMode.OwnTurn;

    /// <summary>Pattern that merges the system prompt (<c>{system}</c>) into a user turn's text (<c>{content}</c>).</summary>
    public string SystemMerge { get; init; } = "{system}\n\n{content}";

    /// <summary>Pattern of the first user turn when it differs from <see cref="User"/> (e.g. Llama-2 leaves out the BOS there).</summary>
    public string? FirstUser { get; init; }

    /// <summary>Trims white space around every message's text before rendering (as <c>| trim</c> in the Jinja source).</summary>
    public bool TrimContent { get; init; }

    /// <summary>System prompt used when the conversation has none (null: no system turn at all).</summary>
    public string? DefaultSystem { get; init; }

    /// <summary>Text written between two consecutive turns (e.g. a newline in the plain format).</summary>
    public string Separator { get; init; } = string.Empty;
}
