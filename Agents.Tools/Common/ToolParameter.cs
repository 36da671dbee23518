namespace Agents.Tools;

/// <summary>One argument of a tool, as its JSON schema describes it to the model.</summary>
/// <param name="Name">The argument name (snake_case).</param>
/// <param name="JsonType">The JSON schema type: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</param>
/// <param name="Description">A short description written for small models.</param>
/// <param name="Required">Whether the model must give it.</param>
public sealed record ToolParameter(string Name, string JsonType, string Description, bool Required = true);
