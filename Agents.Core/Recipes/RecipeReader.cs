using System.Globalization;
using Agents.Core.Loop;
using Agents.Core.Tools;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Agents.Core.Recipes;

/// <summary>Typed reads from YAML nodes; every failure names the node's line and column.</summary>
internal sealed class RecipeReader(string file, string baseDirectory)
{
    public List<(string Name, YamlNode Node)> ToolNodes { get; } = [];

    public RecipeException Error(YamlNode node, string problem) => new(file, (int)node.Start.Line, (int)node.Start.Column, problem);

    public Dictionary<string, YamlNode> Map(YamlNode node, string what, params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"'{what}' must be a mapping (key: value lines)");
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw Error(keyNode, "keys must be plain names");
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{key}' in '{what}'; allowed: {string.Join(", ", allowed)}");
            }

            if (!result.TryAdd(key, value))
            {
                throw Error(keyNode, $"duplicate key '{key}'");
            }
        }

        return result;
    }

    public string? String(Dictionary<string, YamlNode> map, string key)
    {
        if (!map.TryGetValue(key, out var node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } v } ? v : throw Error(node, $"'{key}' must be a text value");
    }

    public string RequiredString(Dictionary<string, YamlNode> map, YamlNode parent, string key) =>
        String(map, key) is { Length: > 0 } v ? v : throw Error(map.TryGetValue(key, out var n) ? n : parent, $"missing required key '{key}'");

    public bool? Bool(Dictionary<string, YamlNode> map, string key)
    {
        var text = String(map, key);
        return text is null ? null : text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(map[key], $"'{key}' must be true or false, got '{text}'"),
        };
    }

    public long? Integer(Dictionary<string, YamlNode> map, string key, long min, long max)
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || Quoted(map[key]))
        {
            throw Error(map[key], $"'{key}' must be a whole number, got '{text}'");
        }

        return v >= min && v <= max ? v : throw Error(map[key], $"'{key}' must be between {min} and {max}, got {v}");
    }

    public double? Number(Dictionary<string, YamlNode> map, string key, double min, double max)
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || Quoted(map[key]))
        {
            throw Error(map[key], $"'{key}' must be a number, got '{text}'");
        }

        return v >= min && v <= max ? v : throw Error(map[key], $"'{key}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {text}");
    }

    public T Enum<T>(Dictionary<string, YamlNode> map, string key, T fallback)
        where T : struct, System.Enum
    {
        var text = String(map, key);
        if (text is null)
        {
            return fallback;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var v) && !int.TryParse(text, CultureInfo.InvariantCulture, out _)
            ? v
            : throw Error(map[key], $"'{key}' must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got '{text}'");
    }

    public string ExistingFile(Dictionary<string, YamlNode> map, string key)
    {
        var text = String(map, key) ?? throw Error(map[key], $"'{key}' must be a file path");
        var full = Path.GetFullPath(Path.Combine(baseDirectory, Environment.ExpandEnvironmentVariables(text)));
        return File.Exists(full) ? full : throw Error(map[key], $"file not found: '{text}' (looked for {full})");
    }

    public IReadOnlyList<string> FileList(YamlNode node, string key)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        return items.Select(item => ExistingFile(new Dictionary<string, YamlNode> { [key] = item }, key)).ToList();
    }

    public string Template(YamlNode node, string text)
    {
        try
        {
            AgentPrompt.Parse(text);
            return text;
        }
        catch (FormatException ex)
        {
            throw Error(node, "prompt template error (template line:column): " + ex.Message);
        }
    }

    public IReadOnlyList<RecipeTool> Tools(YamlNode node)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw Error(node, "'tools' must be a list (one '- name' per line)");
        }

        var tools = new List<RecipeTool>();
        foreach (var item in seq.Children)
        {
            var (name, nameNode, settings) = item switch
            {
                YamlScalarNode { Value: { Length: > 0 } n } => (n, item, new Dictionary<string, object?>()),
                YamlMappingNode m when m.Children.Count == 1 && m.Children.First().Value is YamlMappingNode or YamlScalarNode { Value: null or "" } =>
                    (Scalar(m.Children.First().Key), m.Children.First().Key, Settings(m.Children.First().Value)),
                YamlMappingNode m when m.Children.Any(c => c.Key is YamlScalarNode { Value: "name" }) =>
                    (Scalar(m.Children.First(c => c.Key is YamlScalarNode { Value: "name" }).Value), item, Settings(m, skip: "name")),
                _ => throw Error(item, "a tool is a name, 'name: { settings }', or a mapping with 'name:' and settings"),
            };
            if (tools.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw Error(nameNode, $"tool '{name}' is listed twice");
            }

            ToolNodes.Add((name, nameNode));
            tools.Add(new RecipeTool(name, new ToolSettings(settings, baseDirectory)));
        }

        return tools;
    }

    private string Scalar(YamlNode node) => node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(node, "expected a name");

    private Dictionary<string, object?> Settings(YamlNode node, string? skip = null)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (node is YamlScalarNode)
        {
            return settings;
        }

        foreach (var (key, value) in ((YamlMappingNode)node).Children)
        {
            var name = Scalar(key);
            if (name == skip)
            {
                continue;
            }

            settings[name] = value switch
            {
                YamlScalarNode s => Typed(s),
                YamlSequenceNode list => list.Children.Select(c => c is YamlScalarNode cs ? Typed(cs) : throw Error(c, $"setting '{name}' must be a list of plain values")).ToList(),
                _ => throw Error(value, $"setting '{name}' must be a value or a list of values"),
            };
        }

        return settings;
    }

    private static bool Quoted(YamlNode node) => node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };

    private static object? Typed(YamlScalarNode s)
    {
        if (Quoted(s) || s.Value is null)
        {
            return s.Value;
        }

        if (bool.TryParse(s.Value, out var b))
        {
            return b;
        }

        if (long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        return double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : s.Value;
    }
}
