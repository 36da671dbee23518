namespace Agents.Core.Actions;

/// <summary>What a parsed model reply asks for.</summary>
public enum ActionParseKind
{
    /// <summary>Call one tool.</summary>
    Action,

    /// <summary>The final answer to the task.</summary>
    FinalAnswer,

    /// <summary>The reply could not be read unambiguously; <see cref="ActionParseResult.Error"/> says why, for the model.</summary>
    Error,
}
