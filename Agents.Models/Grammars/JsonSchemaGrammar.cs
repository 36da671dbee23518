using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>Converts a JSON Schema into a GBNF grammar whose every output is JSON valid against the schema.</summary>
public static class JsonSchemaGrammar
{
    /// <summary>Converts a JSON Schema to GBNF (start rule <c>root</c>).</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The GBNF grammar text.</returns>
    /// <exception cref="JsonSchemaGrammarException">The schema is invalid or uses an unsupported keyword.</exception>
    public static string FromSchema(JsonElement schema)
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
        {
            throw new JsonSchemaGrammarException("a schema must be an object or true", "$");
        }

        throw new JsonSchemaGrammarException("JSON Schema conversion is not implemented yet", "$");
    }
}
