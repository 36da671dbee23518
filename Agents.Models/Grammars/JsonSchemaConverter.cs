using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>Walks a JSON Schema and emits GBNF rules (see <see cref="JsonSchemaGrammar"/>).</summary>
internal sealed partial class JsonSchemaConverter
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "readOnly", "writeOnly",
        "deprecated", "$defs", "definitions", "contentMediaType", "contentEncoding",
    };

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref",
        "properties", "required", "additionalProperties",
        "items", "prefixItems", "minItems", "maxItems",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    };

    private readonly JsonElement _root;
    private readonly List<(string Name, string Body)> _rules = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);

    internal JsonSchemaConverter(JsonElement root) => _root = root;

    internal string Convert()
    {
        _names.Add("root");
        _rules.Add(("root", string.Empty));
        string body = Visit(_root, "$", "root");
        _rules[0] = ("root", body);
        var sb = new StringBuilder();
        foreach (var (name, ruleBody) in _rules)
        {
            sb.Append(name).Append(" ::= ").Append(ruleBody).Append('\n');
        }

        return sb.ToString();
    }

    private string Visit(JsonElement schema, string path, string hint)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return Primitive("value");
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            throw new JsonSchemaGrammarException("schema 'false' matches nothing", path);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new JsonSchemaGrammarException($"a schema must be an object or a boolean, not {schema.ValueKind}", path);
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (!Supported.Contains(property.Name) && !Annotations.Contains(property.Name))
            {
                throw new JsonSchemaGrammarException($"keyword '{property.Name}' is not supported", $"{path}.{property.Name}");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            foreach (var property in schema.EnumerateObject())
            {
                if (property.Name != "$ref" && !Annotations.Contains(property.Name))
                {
                    throw new JsonSchemaGrammarException($"keyword '{property.Name}' beside '$ref' is not supported (move it into the referenced schema)", $"{path}.{property.Name}");
                }
            }

            return Ref(reference, $"{path}.$ref");
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(constant) + " " + Primitive("space");
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw new JsonSchemaGrammarException("'enum' must be a non-empty array", $"{path}.enum");
            }

            return "(" + string.Join(" | ", values.EnumerateArray().Select(Literal)) + ") " + Primitive("space");
        }

        foreach (string keyword in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var alternatives = Items(options, $"{path}.{keyword}")
                    .Select((s, i) => AddRule($"{hint}-{i}", Visit(s, $"{path}.{keyword}[{i}]", $"{hint}-{i}")));
                return "(" + string.Join(" | ", alternatives) + ")";
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            var parts = Items(all, $"{path}.allOf");
            if (parts.Count != 1)
            {
                throw new JsonSchemaGrammarException("'allOf' with more than one schema is not supported", $"{path}.allOf");
            }

            return Visit(parts[0], $"{path}.allOf[0]", hint);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select((t, i) => TypeName(t, $"{path}.type[{i}]")).ToList();
                return "(" + string.Join(" | ", types.Select(t => AddRule($"{hint}-{t}", VisitTyped(schema, t, path, $"{hint}-{t}")))) + ")";
            }

            return VisitTyped(schema, TypeName(type, $"{path}.type"), path, hint);
        }

        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _))
        {
            return VisitTyped(schema, "object", path, hint);
        }

        if (schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _))
        {
            return VisitTyped(schema, "array", path, hint);
        }

        foreach (var keyword in (string[])["pattern", "minLength", "maxLength", "format"])
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                return VisitTyped(schema, "string", path, hint);
            }
        }

        return Primitive("value");
    }

    private static string TypeName(JsonElement type, string path) =>
        type.ValueKind == JsonValueKind.String && type.GetString() is "object" or "array" or "string" or "number" or "integer" or "boolean" or "null"
            ? type.GetString()!
            : throw new JsonSchemaGrammarException($"unknown type {type.GetRawText()}", path);

    private string VisitTyped(JsonElement schema, string type, string path, string hint)
    {
        ForbidOthers(schema, type, path);
        return type switch
        {
            "object" => ObjectRule(schema, path, hint),
            "array" => ArrayRule(schema, path, hint),
            "string" => StringRule(schema, path, hint),
            "integer" => IntegerRule(schema, path),
            "number" => Primitive("number"),
            "boolean" => Primitive("boolean"),
            _ => Primitive("null"),
        };
    }

    // Keywords of another type are ignored by JSON Schema for a value of this type, but with one type given
    // they are almost always a mistake; number bounds cannot be expressed exactly in a grammar.
    private static void ForbidOthers(JsonElement schema, string type, string path)
    {
        string[] numberBounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
        foreach (string keyword in numberBounds)
        {
            if (type == "number" && schema.TryGetProperty(keyword, out _))
            {
                throw new JsonSchemaGrammarException($"'{keyword}' is supported on type 'integer' only, not 'number'", $"{path}.{keyword}");
            }
        }
    }

    private static List<JsonElement> Items(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new JsonSchemaGrammarException("must be a non-empty array of schemas", path);
        }

        return array.EnumerateArray().ToList();
    }

    private string Ref(JsonElement reference, string path)
    {
        string target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : string.Empty;
        if (_refRules.TryGetValue(target, out string? existing))
        {
            return existing;
        }

        JsonElement resolved = _root;
        if (target != "#")
        {
            if (!target.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new JsonSchemaGrammarException($"only local references ('#/$defs/...') are supported, not '{target}'", path);
            }

            foreach (string raw in target[2..].Split('/'))
            {
                string segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (resolved.ValueKind != JsonValueKind.Object || !resolved.TryGetProperty(segment, out resolved))
                {
                    throw new JsonSchemaGrammarException($"reference '{target}' does not resolve", path);
                }
            }
        }

        string name = ReserveName("ref-" + target.Split('/')[^1]);
        _refRules[target] = name;
        int index = _rules.Count;
        _rules.Add((name, string.Empty));
        _rules[index] = (name, Visit(resolved, "$" + target[1..].Replace('/', '.'), name));
        return name;
    }

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string JsonText<T>(T value) => JsonSerializer.Serialize(value, CompactJson);

    private static string Literal(JsonElement value) => JsonGbnfPrimitives.Literal(JsonText(value));

    private string Primitive(string name)
    {
        if (_names.Contains(name))
        {
            return name;
        }

        var (body, deps) = JsonGbnfPrimitives.Rules[name];
        _names.Add(name);
        _rules.Add((name, body));
        foreach (string dep in deps)
        {
            Primitive(dep);
        }

        return name;
    }

    private string ReserveName(string hint)
    {
        var sb = new StringBuilder();
        foreach (char c in hint)
        {
            sb.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' ? c : '-');
        }

        string baseName = sb.Length == 0 ? "rule" : sb.ToString();
        string name = baseName;
        for (int i = 1; _names.Contains(name) || JsonGbnfPrimitives.Rules.ContainsKey(name); i++)
        {
            name = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        _names.Add(name);
        return name;
    }

    private string AddRule(string hint, string body)
    {
        string name = ReserveName(hint);
        _rules.Add((name, body));
        return name;
    }
}
