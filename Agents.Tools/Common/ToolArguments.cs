using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Tools;

/// <summary>
/// Reads a tool's arguments leniently, the way small models write them: JSON or CLR values, numbers and
/// booleans given as strings, and a lone argument under an unexpected name when the tool has one required
/// argument. Missing or unusable values become a <see cref="ToolException"/> naming the argument.
/// </summary>
public sealed class ToolArguments
{
    private readonly string _tool;
    private readonly IReadOnlyList<ToolParameter> _parameters;
    private readonly AIFunctionArguments _arguments;

    /// <summary>Wraps <paramref name="arguments"/> for the tool <paramref name="tool"/>.</summary>
    public ToolArguments(string tool, IReadOnlyList<ToolParameter> parameters, AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(arguments);
        _tool = tool;
        _parameters = parameters;
        _arguments = arguments;
    }

    /// <summary>Gets a required string argument.</summary>
    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new ToolException(_tool, $"missing required argument '{name}'.");

    /// <summary>Gets a string argument, or null when absent.</summary>
    public string? GetString(string name)
    {
        var value = Find(name);
        return value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } e => e.GetRawText(),
            JsonElement => throw new ToolException(_tool, $"argument '{name}' must be a string."),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>Gets an integer argument, or <paramref name="fallback"/> when absent.</summary>
    public long GetInt64(string name, long fallback)
    {
        var value = Find(name);
        switch (value)
        {
            case null:
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return fallback;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var l):
                return l;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15:
                return (long)d;
            case int i:
                return i;
            case long l2:
                return l2;
            case double d2 when d2 == Math.Floor(d2) && Math.Abs(d2) < 1e15:
                return (long)d2;
            default:
                var s = GetString(name);
                if (s is not null && long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                throw new ToolException(_tool, $"argument '{name}' must be a whole number.");
        }
    }

    /// <summary>Gets a boolean argument, or <paramref name="fallback"/> when absent.</summary>
    public bool GetBool(string name, bool fallback)
    {
        var value = Find(name);
        switch (value)
        {
            case null:
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return fallback;
            case bool b:
                return b;
            case JsonElement { ValueKind: JsonValueKind.True }:
                return true;
            case JsonElement { ValueKind: JsonValueKind.False }:
                return false;
            default:
                var s = GetString(name)?.Trim().ToUpperInvariant();
                return s switch
                {
                    "TRUE" or "YES" or "1" => true,
                    "FALSE" or "NO" or "0" or "" => false,
                    _ => throw new ToolException(_tool, $"argument '{name}' must be true or false."),
                };
        }
    }

    private object? Find(string name)
    {
        if (_arguments.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in _arguments)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        // A small model often names the only argument differently ({"expr": "2+2"}): take it when unambiguous.
        var required = _parameters.Where(p => p.Required).ToList();
        if (_arguments.Count == 1 && required.Count == 1 && required[0].Name == name
            && !_parameters.Any(p => string.Equals(p.Name, _arguments.Keys.First(), StringComparison.OrdinalIgnoreCase)))
        {
            return _arguments.Values.First();
        }

        return null;
    }
}
