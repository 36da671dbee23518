using System.Globalization;
using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>Object, array, string and integer rules.</summary>
internal sealed partial class JsonSchemaConverter
{
    private const int MaxRepeat = GbnfParser.MaxRepetitionThreshold - 1;

    private string ObjectRule(JsonElement schema, string path, string hint)
    {
        var properties = new List<(string Key, string Kv)>();
        if (schema.TryGetProperty("properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object)
            {
                throw new JsonSchemaGrammarException("'properties' must be an object", $"{path}.properties");
            }

            foreach (var p in props.EnumerateObject())
            {
                string value = AddRule($"{hint}-{p.Name}", Visit(p.Value, $"{path}.properties.{p.Name}", $"{hint}-{p.Name}"));
                string kv = AddRule($"{hint}-{p.Name}-kv", $"{JsonGbnfPrimitives.Literal(JsonText(p.Name))} {Primitive("space")} \":\" space {value}");
                properties.Add((p.Name, kv));
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var req))
        {
            int i = 0;
            foreach (var r in req.EnumerateArray())
            {
                string name = r.GetString() ?? string.Empty;
                if (!properties.Exists(p => p.Key == name))
                {
                    throw new JsonSchemaGrammarException($"required property '{name}' is not in 'properties'", $"{path}.required[{i}]");
                }

                required.Add(name);
                i++;
            }
        }

        Primitive("space");
        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False)
        {
            if (properties.Count > 0)
            {
                throw new JsonSchemaGrammarException("'additionalProperties' other than false together with 'properties' is not supported", $"{path}.additionalProperties");
            }

            string value = AddRule($"{hint}-additional", Visit(additional, $"{path}.additionalProperties", $"{hint}-additional"));
            string kv = AddRule($"{hint}-additional-kv", $"{Primitive("string")} \":\" space {value}");
            return $"\"{{\" space ( {kv} ( \",\" space {kv} )* )? \"}}\" space";
        }

        var requiredKvs = properties.Where(p => required.Contains(p.Key)).Select(p => p.Kv).ToList();
        var optionalKvs = properties.Where(p => !required.Contains(p.Key)).Select(p => p.Kv).ToList();
        string body = "\"{\" space " + string.Join(" \",\" space ", requiredKvs);
        if (optionalKvs.Count > 0)
        {
            var restRules = new Dictionary<int, string>();
            string Chain(int start, bool firstOptional)
            {
                string comma = $"( \",\" space {optionalKvs[start]} )";
                string result = firstOptional ? comma + "?" : optionalKvs[start];
                if (start + 1 < optionalKvs.Count)
                {
                    if (!restRules.TryGetValue(start + 1, out string? rest))
                    {
                        rest = AddRule($"{hint}-rest", Chain(start + 1, true));
                        restRules[start + 1] = rest;
                    }

                    result += " " + rest;
                }

                return result;
            }

            string choices = string.Join(" | ", Enumerable.Range(0, optionalKvs.Count).Select(i => Chain(i, false)));
            body += requiredKvs.Count > 0 ? $" ( \",\" space ( {choices} ) )?" : $" ( {choices} )?";
        }

        return body + " \"}\" space";
    }

    private string ArrayRule(JsonElement schema, string path, string hint)
    {
        Primitive("space");
        if (schema.TryGetProperty("prefixItems", out var prefix))
        {
            if (schema.TryGetProperty("items", out var extra) && extra.ValueKind != JsonValueKind.False)
            {
                throw new JsonSchemaGrammarException("'items' after 'prefixItems' is not supported (use \"items\": false)", $"{path}.items");
            }

            var tuple = Items(prefix, $"{path}.prefixItems")
                .Select((s, i) => AddRule($"{hint}-{i}", Visit(s, $"{path}.prefixItems[{i}]", $"{hint}-{i}")));
            return "\"[\" space " + string.Join(" \",\" space ", tuple) + " \"]\" space";
        }

        string item = schema.TryGetProperty("items", out var items)
            ? AddRule($"{hint}-item", Visit(items, $"{path}.items", $"{hint}-item"))
            : Primitive("value");
        int min = Count(schema, "minItems", path) ?? 0;
        int? max = Count(schema, "maxItems", path);
        CheckRange(min, max, "minItems", "maxItems", path);
        if (max == 0)
        {
            return "\"[\" space \"]\" space";
        }

        string more = $"( \",\" space {item} )";
        string tail = max is null
            ? (min <= 1 ? more + "*" : $"{more}{{{min - 1},}}")
            : $"{more}{{{Math.Max(min, 1) - 1},{max - 1}}}";
        string list = $"{item} {tail}";
        return min == 0 ? $"\"[\" space ( {list} )? \"]\" space" : $"\"[\" space {list} \"]\" space";
    }

    private string StringRule(JsonElement schema, string path, string hint)
    {
        Primitive("space");
        string quote = "\"\\\"\"";
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _) || schema.TryGetProperty("format", out _))
            {
                throw new JsonSchemaGrammarException("'pattern' together with 'minLength'/'maxLength'/'format' is not supported", $"{path}.pattern");
            }

            if (pattern.ValueKind != JsonValueKind.String)
            {
                throw new JsonSchemaGrammarException("'pattern' must be a string", $"{path}.pattern");
            }

            Primitive("char");
            string content = AddRule($"{hint}-pattern", RegexGbnf.Convert(pattern.GetString()!, $"{path}.pattern"));
            return $"{quote} {content} {quote} space";
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() is "date" or "time" or "date-time" or "uuid")
        {
            return $"{quote} {Primitive(format.GetString()!)} {quote} space";
        }

        int? min = Count(schema, "minLength", path);
        int? max = Count(schema, "maxLength", path);
        if (min is null && max is null)
        {
            return Primitive("string");
        }

        CheckRange(min ?? 0, max, "minLength", "maxLength", path);
        Primitive("char");
        string repeat = max is null ? $"{{{min},}}" : $"{{{min ?? 0},{max}}}";
        return $"{quote} char{repeat} {quote} space";
    }

    private string IntegerRule(JsonElement schema, string path)
    {
        long? min = Bound(schema, "minimum", path, v => Math.Ceiling(v));
        long? exclusiveMin = Bound(schema, "exclusiveMinimum", path, v => Math.Floor(v) + 1);
        long? max = Bound(schema, "maximum", path, v => Math.Floor(v));
        long? exclusiveMax = Bound(schema, "exclusiveMaximum", path, v => Math.Ceiling(v) - 1);
        min = Max(min, exclusiveMin);
        max = Min(max, exclusiveMax);
        if (min is null && max is null)
        {
            return Primitive("integer");
        }

        if (min > max)
        {
            throw new JsonSchemaGrammarException($"no integer satisfies minimum {min} and maximum {max}", path);
        }

        Primitive("space");
        Primitive("integral-part");
        return IntegerRangeGbnf.Build(min, max) + " space";
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static long? Bound(JsonElement schema, string keyword, string path, Func<double, double> round)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new JsonSchemaGrammarException($"'{keyword}' must be a number", $"{path}.{keyword}");
        }

        double rounded = round(value.GetDouble());
        if (Math.Abs(rounded) > 1e15)
        {
            throw new JsonSchemaGrammarException($"'{keyword}' beyond ±10^15 is not supported", $"{path}.{keyword}");
        }

        return (long)rounded;
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n) || n < 0)
        {
            throw new JsonSchemaGrammarException($"'{keyword}' must be a non-negative integer", $"{path}.{keyword}");
        }

        return n;
    }

    private static void CheckRange(int min, int? max, string minName, string maxName, string path)
    {
        if (max < min)
        {
            throw new JsonSchemaGrammarException($"'{maxName}' ({max}) is less than '{minName}' ({min})", $"{path}.{maxName}");
        }

        if (max > MaxRepeat || min > MaxRepeat)
        {
            throw new JsonSchemaGrammarException(
                $"'{(max > MaxRepeat ? maxName : minName)}' above {MaxRepeat.ToString(CultureInfo.InvariantCulture)} cannot be expressed in a llama.cpp grammar",
                $"{path}.{(max > MaxRepeat ? maxName : minName)}");
        }
    }
}
