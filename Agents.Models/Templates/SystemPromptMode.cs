namespace Agents.Models.Templates;

/// <summary>How a chat format places the system prompt.</summary>
public enum SystemPromptMode
{
    /// <summary>The system prompt is a turn of its own, rendered with <see cref="ChatFormat.System"/>.</summary>
    OwnTurn,

    /// <summary>The format has no system role: the system prompt is merged into the first user turn with <see cref="ChatFormat.SystemMerge"/>.</summary>
    MergeIntoFirstUser,

    /// <summary>The system prompt is merged into the last user turn with <see cref="ChatFormat.SystemMerge"/> (Mistral v3 style).</summary>
    MergeIntoLastUser,
}
