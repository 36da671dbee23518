using System.Text.Json;
using Agents.Models.Grammars;

namespace Agents.Models.Tests.Grammars;

public sealed class JsonSchemaGrammarTests
{
    public const string PersonSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "person",
          "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 12 },
            "age": { "type": "integer", "minimum": 0, "maximum": 120 },
            "tags": { "type": "array", "items": { "enum": ["a", "b", "c"] }, "maxItems": 3 },
            "ok": { "type": "boolean" },
            "kind": { "anyOf": [ { "const": "x\"y" }, { "type": "null" } ] },
            "born": { "type": "string", "format": "date" },
            "code": { "type": "string", "pattern": "^[A-Z]{2}-[0-9]{3}$" },
            "child": { "$ref": "#/$defs/child" },
            "score": { "type": ["integer", "null"], "exclusiveMinimum": -10, "maximum": 10 }
          },
          "required": ["name", "age", "ok"],
          "additionalProperties": false,
          "$defs": {
            "child": {
              "type": "object",
              "properties": { "id": { "type": "integer", "minimum": -5, "maximum": 5 } },
              "required": ["id"]
            }
          }
        }
        """;

    public static TheoryData<string> ValidSchemas => new()
    {
        PersonSchema,
        "{}",
        "true",
        """{ "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 4 }""",
        """{ "type": "array", "prefixItems": [ { "type": "string" }, { "type": "integer" } ], "items": false }""",
        """{ "type": "object", "additionalProperties": { "type": "integer" } }""",
        """{ "type": "object", "properties": { "a": { "type": "string" }, "b": { "type": "number" }, "c": { "type": "null" } } }""",
        """{ "oneOf": [ { "type": "string", "format": "uuid" }, { "type": "string", "format": "date-time" } ] }""",
        """{ "$ref": "#/definitions/node", "definitions": { "node": { "type": "object", "properties": { "value": { "type": "integer" }, "next": { "anyOf": [ { "$ref": "#/definitions/node" }, { "type": "null" } ] } }, "required": ["value", "next"] } } }""",
        """{ "type": "string", "pattern": "a(b|c)*d?\\.[^x]\\d{2,}$" }""",
        """{ "type": "integer", "minimum": -1234, "maximum": 98765 }""",
        """{ "type": "integer", "exclusiveMinimum": 17 }""",
        """{ "type": "integer", "maximum": -3 }""",
        """{ "enum": [1, "two", null, true, { "x": [1, 2] }] }""",
        """{ "type": "string", "format": "email" }""",
        """{ "allOf": [ { "type": "boolean" } ] }""",
        """{ "type": "object", "properties": { "weird key/ü": { "type": "string" } }, "required": ["weird key/ü"] }""",
    };

    [Theory]
    [MemberData(nameof(ValidSchemas))]
    public void FromSchema_SupportedSchema_ProducesValidGrammar(string schema)
    {
        string gbnf = JsonSchemaGrammar.FromSchema(schema);
        GbnfValidator.Validate(gbnf);
        Assert.StartsWith("root ::= ", gbnf, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Unsupported => new()
    {
        { """{ "type": "object", "properties": { "a": { "not": { "type": "string" } } } }""", "$.properties.a.not", "'not' is not supported" },
        { """{ "type": "string", "minLength": 5, "maxLength": 2 }""", "$.maxLength", "less than" },
        { """{ "type": "number", "minimum": 0 }""", "$.minimum", "'integer' only" },
        { """{ "type": "widget" }""", "$.type", "unknown type" },
        { """{ "$ref": "#/$defs/missing" }""", "$.$ref", "does not resolve" },
        { """{ "$ref": "https://example.com/schema.json" }""", "$.$ref", "only local references" },
        { """{ "type": "array", "items": { "type": "string" }, "maxItems": 5000 }""", "$.maxItems", "cannot be expressed" },
        { """{ "type": "string", "pattern": "^(?=a)b$" }""", "$.pattern", "lookaround" },
        { """{ "type": "string", "pattern": "^(a)\\1$" }""", "$.pattern", "'\\1'" },
        { """{ "type": "integer", "minimum": 10, "maximum": 5 }""", "$", "no integer" },
        { """{ "type": "object", "properties": { "a": {} }, "required": ["b"] }""", "$.required[0]", "'b' is not in 'properties'" },
        { """{ "enum": [] }""", "$.enum", "non-empty" },
        { """{ "allOf": [ { "type": "string" }, { "minLength": 2 } ] }""", "$.allOf", "more than one" },
        { """{ "type": "object", "properties": { "a": { "type": "string" } }, "additionalProperties": true }""", "$.additionalProperties", "not supported" },
        { """{ "$ref": "#/$defs/a", "$defs": { "a": { "$ref": "#/$defs/a" } } }""", "$", "invalid grammar" },
        { "false", "$", "matches nothing" },
        { "42", "$", "object or a boolean" },
        { """{ "type": "object", "minProperties": 1 }""", "$.minProperties", "not supported" },
        { """{ "type": "array", "uniqueItems": true }""", "$.uniqueItems", "not supported" },
        { """{ "$ref": "#/$defs/a", "minLength": 3, "$defs": { "a": { "type": "string" } } }""", "$.minLength", "beside '$ref'" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void FromSchema_UnsupportedOrInvalid_ThrowsWithPath(string schema, string path, string messagePart)
    {
        var ex = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void FromSchema_NotJson_ThrowsWithPosition()
    {
        var ex = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema("{ \"type\": \n  \"string\" "));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_ObjectProperties_KeepDeclaredOrderAndRequired()
    {
        using var doc = JsonDocument.Parse("""{ "type": "object", "properties": { "b": { "const": 1 }, "a": { "const": 2 } }, "required": ["a"] }""");
        string gbnf = JsonSchemaGrammar.FromSchema(doc.RootElement);
        string root = gbnf.Split('\n')[0];
        Assert.Contains("\"{\" space root-a-kv", root, StringComparison.Ordinal);
        Assert.Contains("root-b-kv", root, StringComparison.Ordinal);
    }
}
