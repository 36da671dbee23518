namespace Agents.Core.Actions;

/// <summary>Settings of an <see cref="ActionParser"/>.</summary>
public sealed record ActionParserOptions
{
    /// <summary>The format to read; <see cref="ActionFormat.Auto"/> (the default) recognises every format.</summary>
    public ActionFormat Format { get; init; } = ActionFormat.Auto;

    /// <summary>Names of tools that take no input: for them an <c>Action:</c> line alone is a complete action.</summary>
    public IReadOnlySet<string> ToolsWithoutInput { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When true (the default), a reply with no action structure at all (no keywords, tags or JSON action) is the final answer.
    /// When false it is an error that asks the model for the format.</summary>
    public bool PlainTextIsFinalAnswer { get; init; } = true;

    /// <summary>Largest reply, in characters, the parser accepts (default 1,000,000); longer replies end in an error.</summary>
    public int MaxLength { get; init; } = 1_000_000;
}
