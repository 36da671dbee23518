using Agents.Core.Actions;
using Agents.Core.Loop;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Agents.Core.Recipes;

/// <summary>
/// Loads and validates recipes (YAML). Every problem — a syntax error, an unknown key, a wrong type, an unknown tool,
/// a missing file, a broken prompt template — is a <see cref="RecipeException"/> with the file, line and column.
/// </summary>
public static class RecipeLoader
{
    private static readonly string[] ModelSources = ["path", "ref", "endpoint"];

    /// <summary>Loads the recipe at <paramref name="path"/>. When <paramref name="knownTools"/> is given, tool names are checked against it.</summary>
    public static AgentRecipe Load(string path, IEnumerable<string>? knownTools = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RecipeException(path, 1, 1, $"recipe file not found: {full}");
        }

        return Parse(File.ReadAllText(full), path, Path.GetDirectoryName(full)!, knownTools);
    }

    /// <summary>Parses recipe text; <paramref name="sourceName"/> is used in error positions, <paramref name="baseDirectory"/> resolves relative paths.</summary>
    public static AgentRecipe Parse(string yaml, string sourceName, string baseDirectory, IEnumerable<string>? knownTools = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RecipeException(sourceName, (int)ex.Start.Line, (int)ex.Start.Column, "YAML syntax: " + Inner(ex).Message, ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new RecipeException(sourceName, 1, 1, stream.Documents.Count == 0 ? "the recipe is empty" : "a recipe file holds one YAML document");
        }

        var reader = new RecipeReader(sourceName, baseDirectory);
        var recipe = Read(reader, stream.Documents[0].RootNode);
        if (knownTools is not null)
        {
            var known = knownTools.ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (tool, node) in reader.ToolNodes)
            {
                if (!known.Contains(tool))
                {
                    throw reader.Error(node, $"unknown tool '{tool}'; registered tools: {(known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal)))}");
                }
            }
        }

        return recipe with { SourcePath = sourceName, BaseDirectory = baseDirectory };
    }

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;

    private static AgentRecipe Read(RecipeReader r, YamlNode root)
    {
        var map = r.Map(root, "recipe", "name", "description", "model", "instructions", "prompts", "tools", "memory", "limits", "action_format", "grammar");
        return new AgentRecipe
        {
            Name = r.RequiredString(map, root, "name"),
            Description = r.String(map, "description"),
            Model = ReadModel(r, map.TryGetValue("model", out var model) ? model : throw r.Error(root, "missing required key 'model'")),
            Instructions = r.String(map, "instructions"),
            Prompts = ReadPrompts(r, map),
            Tools = map.TryGetValue("tools", out var tools) ? r.Tools(tools) : [],
            Memory = map.TryGetValue("memory", out var memory) ? ReadMemory(r, memory) : null,
            Limits = map.TryGetValue("limits", out var limits) ? ReadLimits(r, limits) : new AgentLimits(),
            ActionFormat = r.Enum(map, "action_format", ActionFormat.Auto),
            Grammar = r.Bool(map, "grammar") ?? false,
        };
    }

    private static RecipeModel ReadModel(RecipeReader r, YamlNode node)
    {
        var map = r.Map(node, "model", "path", "ref", "endpoint", "id", "api_key_env", "template", "lora", "sampling");
        var sources = ModelSources.Where(map.ContainsKey).ToList();
        if (sources.Count != 1)
        {
            throw r.Error(node, sources.Count == 0 ? "model needs one of 'path', 'ref' or 'endpoint'" : $"model has both '{sources[0]}' and '{sources[1]}'; give exactly one");
        }

        Uri? endpoint = null;
        if (map.TryGetValue("endpoint", out var endpointNode))
        {
            var text = r.String(map, "endpoint")!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw r.Error(endpointNode, $"'endpoint' must be an http(s) URL, got '{text}'");
            }
        }

        RecipeSampling sampling = new();
        if (map.TryGetValue("sampling", out var samplingNode))
        {
            var s = r.Map(samplingNode, "sampling", "temperature", "top_p", "max_tokens", "seed");
            sampling = new RecipeSampling(r.Number(s, "temperature", 0, 2), r.Number(s, "top_p", 0, 1), (int?)r.Integer(s, "max_tokens", 1, int.MaxValue), r.Integer(s, "seed", long.MinValue, long.MaxValue));
        }

        return new RecipeModel
        {
            Path = map.ContainsKey("path") ? r.ExistingFile(map, "path") : null,
            Ref = r.String(map, "ref"),
            Endpoint = endpoint,
            Id = r.String(map, "id"),
            ApiKeyEnv = r.String(map, "api_key_env"),
            Template = r.String(map, "template"),
            Lora = map.TryGetValue("lora", out var lora) ? r.FileList(lora, "lora") : [],
            Sampling = sampling,
        };
    }

    private static Dictionary<string, string> ReadPrompts(RecipeReader r, Dictionary<string, YamlNode> root)
    {
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetValue("prompts", out var node))
        {
            return prompts;
        }

        var map = r.Map(node, "prompts", "system", "system_file");
        if (map.ContainsKey("system") && map.ContainsKey("system_file"))
        {
            throw r.Error(node, "give 'system' or 'system_file', not both");
        }

        if (map.TryGetValue("system", out var system))
        {
            prompts["system"] = r.Template(system, r.String(map, "system")!);
        }
        else if (map.TryGetValue("system_file", out var file))
        {
            prompts["system"] = r.Template(file, File.ReadAllText(r.ExistingFile(map, "system_file")));
        }

        return prompts;
    }

    private static RecipeMemory ReadMemory(RecipeReader r, YamlNode node)
    {
        var map = r.Map(node, "memory", "store", "top_k", "min_score");
        return new RecipeMemory(r.String(map, "store"), (int)(r.Integer(map, "top_k", 0, 100) ?? 3), r.Number(map, "min_score", -1, 1) ?? 0.2);
    }

    private static AgentLimits ReadLimits(RecipeReader r, YamlNode node)
    {
        var map = r.Map(node, "limits", "max_steps", "max_tool_calls", "max_seconds", "max_tokens", "max_consecutive_errors", "tool_timeout_seconds", "max_observation_chars");
        var d = new AgentLimits();
        return new AgentLimits
        {
            MaxSteps = (int)(r.Integer(map, "max_steps", 1, 1000) ?? d.MaxSteps),
            MaxToolCalls = (int)(r.Integer(map, "max_tool_calls", 0, 10000) ?? d.MaxToolCalls),
            MaxTime = r.Number(map, "max_seconds", 0.001, 86400) is { } s ? TimeSpan.FromSeconds(s) : d.MaxTime,
            MaxTokens = r.Integer(map, "max_tokens", 1, 10_000_000) ?? d.MaxTokens,
            MaxConsecutiveErrors = (int)(r.Integer(map, "max_consecutive_errors", 1, 100) ?? d.MaxConsecutiveErrors),
            ToolTimeout = r.Number(map, "tool_timeout_seconds", 0.001, 3600) is { } t ? TimeSpan.FromSeconds(t) : d.ToolTimeout,
            MaxObservationChars = (int)(r.Integer(map, "max_observation_chars", 16, 10_000_000) ?? d.MaxObservationChars),
        };
    }
}
