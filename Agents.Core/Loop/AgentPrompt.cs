using System.Reflection;
using Agents.Core.Actions;
using Agents.Core.Memory;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Scriban;
using Scriban.Runtime;

namespace Agents.Core.Loop;

/// <summary>Renders the system prompt (a Scriban template) from the agent's instructions, tools, format and memories.</summary>
internal sealed class AgentPrompt
{
    private static readonly Lazy<string> DefaultTemplateText = new(() =>
    {
        using var stream = typeof(AgentPrompt).Assembly.GetManifestResourceStream("Agents.Core.Prompts.system.scriban")
            ?? throw new InvalidOperationException("The built-in system prompt template is missing from Agents.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly Template _template;
    private readonly AgentDefinition _definition;

    public AgentPrompt(AgentDefinition definition)
    {
        _definition = definition;
        _template = Parse(definition.SystemPromptTemplate ?? DefaultTemplateText.Value);
    }

    /// <summary>The built-in system prompt template.</summary>
    public static string DefaultTemplate => DefaultTemplateText.Value;

    /// <summary>Parses a template, throwing <see cref="FormatException"/> with the template's own line and column on error.</summary>
    public static Template Parse(string text)
    {
        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            throw new FormatException(string.Join("; ", template.Messages.Select(m => $"{m.Span.Start.Line + 1}:{m.Span.Start.Column + 1}: {m.Message}")));
        }

        return template;
    }

    private Rendered? _last;

    /// <summary>Renders the prompt; the last rendering is reused while the memories are the same.</summary>
    public string Render(IReadOnlyList<MemoryHit> memories)
    {
        var key = string.Join("\u0001", memories.Select(m => m.Id + "\u0002" + m.Entry.Text));
        if (_last is { } last && last.Key == key)
        {
            return last.Prompt;
        }

        var prompt = RenderCore(memories);
        _last = new Rendered(key, prompt); // one reference write: safe when runs share the runner
        return prompt;
    }

    private string RenderCore(IReadOnlyList<MemoryHit> memories)
    {
        var model = new ScriptObject
        {
            ["instructions"] = _definition.Instructions,
            ["format"] = _definition.Format.ToString().ToLowerInvariant(),
            ["tool_names"] = string.Join(", ", _definition.Tools.Select(t => t.Name)),
            ["tools"] = _definition.Tools.Select(ToolModel).ToList(),
            ["memories"] = memories.Select(m => new ScriptObject { ["text"] = m.Entry.Text, ["score"] = m.Score, ["source"] = m.Entry.Source }).ToList(),
        };
        var context = new TemplateContext { StrictVariables = false, MemberRenamer = static (MemberInfo m) => m.Name };
        context.PushGlobal(model);
        return _template.Render(context).Trim();
    }

    private static ScriptObject ToolModel(AIFunction tool)
    {
        var parameters = ToolBox.Parameters(tool);
        var input = parameters.Count switch
        {
            0 => "none",
            1 => $"{parameters.Keys.First()} ({ToolBox.TypeOf(parameters.Values.First()) ?? "text"}) as plain text",
            _ => "a JSON object with " + string.Join(", ", parameters.Select(p => $"\"{p.Key}\" ({ToolBox.TypeOf(p.Value) ?? "any"})")),
        };
        return new ScriptObject
        {
            ["name"] = tool.Name,
            ["description"] = tool.Description,
            ["schema"] = tool.JsonSchema.GetRawText(),
            ["input"] = input,
        };
    }

    private sealed record Rendered(string Key, string Prompt);
}
