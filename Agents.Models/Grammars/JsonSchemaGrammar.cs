using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>
/// Converts a JSON Schema into a GBNF grammar (start rule <c>root</c>) whose every complete output is JSON that
/// validates against the schema, in the manner of llama.cpp's json-schema-to-grammar.
/// </summary>
/// <remarks>
/// Supported: <c>type</c> (also as a list), <c>properties</c>/<c>required</c>/<c>additionalProperties</c>
/// (false when absent: the output has only the listed properties, in their order), <c>items</c>/<c>prefixItems</c>/
/// <c>minItems</c>/<c>maxItems</c>, <c>minLength</c>/<c>maxLength</c>/<c>pattern</c> (a regex subset)/<c>format</c>
/// (date, time, date-time and uuid are enforced; other formats are annotations), integer
/// <c>minimum</c>/<c>maximum</c>/<c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, <c>enum</c>, <c>const</c>,
/// <c>anyOf</c>/<c>oneOf</c>, single-schema <c>allOf</c>, and local <c>$ref</c> (<c>#/$defs/…</c>,
/// <c>#/definitions/…</c>, recursion included). Annotations (title, description, …) are ignored. Any other keyword
/// is refused with its JSON path rather than silently ignored.
/// </remarks>
public static class JsonSchemaGrammar
{
    /// <summary>Converts a JSON Schema to GBNF.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>GBNF text whose start rule is <c>root</c>; already checked by <see cref="GbnfValidator"/>.</returns>
    /// <exception cref="JsonSchemaGrammarException">The schema is invalid or uses an unsupported keyword.</exception>
    public static string FromSchema(JsonElement schema)
    {
        string gbnf = new JsonSchemaConverter(schema).Convert();
        try
        {
            GbnfValidator.Validate(gbnf);
        }
        catch (GrammarException ex)
        {
            throw new JsonSchemaGrammarException($"the schema produces an invalid grammar ({ex.Message}); a $ref cycle that consumes no input is the usual cause", "$");
        }

        return gbnf;
    }

    /// <summary>Parses JSON Schema text and converts it to GBNF.</summary>
    /// <param name="schemaJson">The schema as JSON text.</param>
    /// <returns>GBNF text whose start rule is <c>root</c>.</returns>
    /// <exception cref="JsonSchemaGrammarException">The text is not JSON, or the schema is unsupported.</exception>
    public static string FromSchema(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        try
        {
            using var document = JsonDocument.Parse(schemaJson);
            return FromSchema(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new JsonSchemaGrammarException(
                $"not valid JSON: {ex.Message}", $"$ (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        }
    }
}
