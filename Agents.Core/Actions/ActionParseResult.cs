using System.Text.Json.Nodes;

namespace Agents.Core.Actions;

/// <summary>The outcome of parsing one model reply: an action, a final answer or an error meant for the model.</summary>
public sealed record ActionParseResult
{
    /// <summary>Action, final answer or error.</summary>
    public required ActionParseKind Kind { get; init; }

    /// <summary>The tool name as the model wrote it (cleaned of quotes and decorations), for actions.</summary>
    public string? Tool { get; init; }

    /// <summary>The action input as text (null when the action has no input).</summary>
    public string? Input { get; init; }

    /// <summary>The action input as JSON when it was a JSON object or array (leniently read), otherwise null.</summary>
    public JsonNode? Arguments { get; init; }

    /// <summary>The final answer text.</summary>
    public string? Answer { get; init; }

    /// <summary>Why the reply was rejected, worded for the model (it is sent back as the observation).</summary>
    public string? Error { get; init; }

    /// <summary>The reasoning text written before the action or answer (without <c>Thought:</c> labels).</summary>
    public string? Thought { get; init; }

    /// <summary>The format the action was written in (Auto when it could not be told).</summary>
    public ActionFormat Format { get; init; }

    /// <summary>True when a reply without any action structure was taken as the final answer.</summary>
    public bool IsImplicit { get; init; }

    /// <summary>How many characters of the reply belong to it: the text after this offset was not needed (and, when streaming, not generated).</summary>
    public int Length { get; init; }

    /// <summary>The input as a JSON value: <see cref="Arguments"/> when present, otherwise the input string (null for none).</summary>
    public JsonNode? InputValue => Arguments?.DeepClone() ?? (Input is null ? null : JsonValue.Create(Input));

    internal static ActionParseResult Fail(string message, string? thought, int length, ActionFormat format) =>
        new() { Kind = ActionParseKind.Error, Error = message, Thought = thought, Length = length, Format = format };
}
