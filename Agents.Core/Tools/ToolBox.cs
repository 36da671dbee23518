using System.Text.Json;
using System.Text.Json.Nodes;
using Agents.Core.Actions;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tools;

/// <summary>
/// The tools one agent may call: finds a tool by the name the model wrote, binds the action input to its
/// parameters (plain text for a one-parameter tool, JSON otherwise), validates it against the tool's JSON
/// schema, and calls it under a time limit. Everything the model got wrong comes back as an error observation.
/// </summary>
internal sealed class ToolBox
{
    private readonly Dictionary<string, AIFunction> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ToolBox(IReadOnlyList<AIFunction> tools)
    {
        Tools = tools;
        foreach (var tool in tools)
        {
            if (!_byName.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'.", nameof(tools));
            }

            _byName.TryAdd(Normalize(tool.Name), tool);
        }

        ToolsWithoutInput = tools.Where(t => Parameters(t).Count == 0).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<AIFunction> Tools { get; }

    public IReadOnlySet<string> ToolsWithoutInput { get; }

    public AIFunction? Find(string name) =>
        _byName.TryGetValue(name, out var tool) || _byName.TryGetValue(Normalize(name), out tool) ? tool : null;

    /// <summary>Binds and validates; returns the arguments, or an error message for the model.</summary>
    public static (AIFunctionArguments? Arguments, string? Error) Bind(AIFunction tool, string? input, JsonNode? json)
    {
        var parameters = Parameters(tool);
        var required = Required(tool);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (json is JsonObject obj && !(parameters.Count == 1 && TypeOf(parameters.First().Value) == "object" && !obj.ContainsKey(parameters.First().Key)))
        {
            if (parameters.Count == 1 && obj.Count == 1 && !obj.ContainsKey(parameters.First().Key))
            {
                values[parameters.First().Key] = obj.First().Value?.DeepClone(); // {"input": …} for a one-parameter tool
            }
            else
            {
                foreach (var (key, value) in obj)
                {
                    values[key] = value?.DeepClone();
                }
            }
        }
        else if (parameters.Count == 1)
        {
            var (name, schema) = parameters.First();
            values[name] = json is not null && TypeOf(schema) is "object" or "array" ? json.DeepClone() : JsonValue.Create(StripFence(input ?? string.Empty));
        }
        else if (json is null && required.Count == 1 && parameters.TryGetValue(required.First(), out var only) && TypeOf(only) == "string" && !string.IsNullOrWhiteSpace(input))
        {
            values[required.First()] = JsonValue.Create(StripFence(input)); // plain text for the one required text parameter; the optional ones keep their defaults
        }
        else if (parameters.Count > 1 && !string.IsNullOrWhiteSpace(input))
        {
            return (null, $"Tool '{tool.Name}' takes several parameters ({string.Join(", ", parameters.Keys)}): write the Action Input as a JSON object, e.g. {Example(parameters)}.");
        }

        foreach (var key in values.Keys)
        {
            if (parameters.Count > 0 && !parameters.ContainsKey(key))
            {
                return (null, $"Tool '{tool.Name}' has no parameter '{key}'. Its parameters are: {string.Join(", ", parameters.Keys)}.");
            }
        }

        foreach (var name in required)
        {
            if (!values.ContainsKey(name))
            {
                return (null, $"Tool '{tool.Name}' needs parameter '{name}'. Write the Action Input as {Example(parameters)}.");
            }
        }

        var arguments = new AIFunctionArguments();
        foreach (var (key, value) in values)
        {
            var (coerced, error) = Coerce(key, value, parameters.TryGetValue(key, out var schema) ? schema : default);
            if (error is not null)
            {
                return (null, $"Tool '{tool.Name}': {error}");
            }

            arguments[key] = coerced;
        }

        return (arguments, null);
    }

    private static (JsonElement Value, string? Error) Coerce(string name, JsonNode? value, JsonElement schema)
    {
        var type = schema.ValueKind == JsonValueKind.Object ? TypeOf(schema) : null;
        if (value is JsonValue v && type is not null)
        {
            var element = JsonSerializer.SerializeToElement(v);
            switch (type)
            {
                case "string" when element.ValueKind != JsonValueKind.String:
                    return (JsonSerializer.SerializeToElement(element.ToString()), null);
                case "integer" or "number" when element.ValueKind == JsonValueKind.String:
                    var text = element.GetString()!.Trim();
                    return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && (type == "number" || d == Math.Floor(d))
                        ? (JsonSerializer.SerializeToElement(d), null)
                        : (default, $"parameter '{name}' must be {(type == "integer" ? "an integer" : "a number")}, got \"{text}\".");
                case "integer" when element.ValueKind == JsonValueKind.Number && !element.TryGetInt64(out _):
                    return (default, $"parameter '{name}' must be an integer, got {element}.");
                case "boolean" when element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString(), out var b):
                    return (JsonSerializer.SerializeToElement(b), null);
                case "boolean" when element.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                    return (default, $"parameter '{name}' must be true or false, got {element}.");
                case "integer" or "number" when element.ValueKind != JsonValueKind.Number:
                case "array" or "object":
                    return (default, $"parameter '{name}' must be {(type is "array" or "object" ? "an " + type : "a number")}, got {element}.");
            }

            return (element, null);
        }

        if ((value is JsonArray && type is not (null or "array")) || (value is JsonObject && type is not (null or "object")))
        {
            return (default, $"parameter '{name}' must be {type}, got {value!.ToJsonString()}.");
        }

        return (value is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(value), null);
    }

    internal static Dictionary<string, JsonElement> Parameters(AIFunction tool)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (tool.JsonSchema.ValueKind == JsonValueKind.Object && tool.JsonSchema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in props.EnumerateObject())
            {
                result[p.Name] = p.Value;
            }
        }

        return result;
    }

    private static List<string> Required(AIFunction tool) =>
        tool.JsonSchema.ValueKind == JsonValueKind.Object && tool.JsonSchema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
            ? req.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    internal static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var t))
        {
            return null;
        }

        return t.ValueKind == JsonValueKind.String ? t.GetString()
            : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(e => e.GetString()).FirstOrDefault(s => s is not null and not "null")
            : null;
    }

    private static string Example(Dictionary<string, JsonElement> parameters) =>
        "{" + string.Join(", ", parameters.Select(p => $"\"{p.Key}\": " + (TypeOf(p.Value) switch { "string" => "\"...\"", "integer" or "number" => "0", "boolean" => "true", "array" => "[]", _ => "{}" }))) + "}";

    private static string StripFence(string input)
    {
        var t = input.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal) && t.EndsWith("```", StringComparison.Ordinal) && t.Length >= 6)
        {
            var firstBreak = t.IndexOf('\n', StringComparison.Ordinal);
            return firstBreak < 0 ? t[3..^3].Trim() : t[(firstBreak + 1)..^3].Trim('\n', '\r');
        }

        return input;
    }

    private static string Normalize(string name) =>
        new(ActionParser.CleanToolName(name).Where(c => char.IsLetterOrDigit(c)).Select(char.ToLowerInvariant).ToArray());
}
