using System.Collections.Frozen;

namespace Agents.Models.Templates;

/// <summary>The named chat templates this library ships (see <see cref="ChatFormats"/> for the formats themselves).</summary>
public static class ChatTemplates
{
    private static readonly FrozenDictionary<string, IChatTemplate> ByName = Build();

    /// <summary>Canonical names of the shipped templates, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ChatFormats.All.Select(f => f.Name).Order(StringComparer.Ordinal)];

    /// <summary>The plain fallback template, for models that carry no chat template (e.g. stories260K).</summary>
    public static IChatTemplate Plain { get; } = new ChatFormatTemplate(ChatFormats.Plain);

    /// <summary>Finds a template by name or alias (case-insensitive, e.g. <c>qwen</c> for <c>chatml</c>).</summary>
    public static bool TryGet(string name, out IChatTemplate template)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name.Trim(), out var found))
        {
            template = found;
            return true;
        }

        template = Plain;
        return false;
    }

    /// <summary>Returns the template with that name or alias.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IChatTemplate Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var template)
            ? template
            : throw new ArgumentException($"Unknown chat template '{name}'. Known templates: {string.Join(", ", Names)}.", nameof(name));
    }

    private static FrozenDictionary<string, IChatTemplate> Build()
    {
        var map = new Dictionary<string, IChatTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var format in ChatFormats.All)
        {
            map[format.Name] = new ChatFormatTemplate(format);
        }

        foreach (var (alias, target) in ChatFormats.Aliases)
        {
            map[alias] = map[target];
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
