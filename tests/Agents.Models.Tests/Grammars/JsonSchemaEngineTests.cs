using System.Text.Json;
using Agents.Models.Grammars;
using Agents.Models.Tests.Families;
using Agents.TestSupport;
using Json.Schema;

namespace Agents.Models.Tests.Grammars;

/// <summary>Output constrained by a schema's grammar always parses as JSON and validates against the schema.</summary>
public sealed class JsonSchemaEngineTests
{
    public static TheoryData<string> BoundedSchemas => new()
    {
        JsonSchemaGrammarTests.PersonSchema,
        """{ "type": "array", "items": { "type": "integer", "minimum": -50, "maximum": 300 }, "minItems": 1, "maxItems": 5 }""",
        """{ "type": "object", "properties": { "answer": { "enum": ["yes", "no"] }, "why": { "type": "string", "maxLength": 20 } }, "required": ["answer", "why"] }""",
    };

    [Theory]
    [MemberData(nameof(BoundedSchemas))]
    public void Generate_WithSchemaGrammar_OutputValidatesForEverySeed(string schemaText)
    {
        string gbnf = JsonSchemaGrammar.FromSchema(schemaText);
        var schema = JsonSchema.FromText(schemaText);
        TestEngine.WithGate(() =>
        {
            var p = TestEngine.Params(TestAssets.Stories260K, 1024);
            using var weights = LLama.LLamaWeights.LoadFromFile(p);
            using var context = weights.CreateContext(p);
            foreach (uint seed in new uint[] { 1, 2, 3, 4, 5 })
            {
                string text = TestEngine.Run(weights, context, "Once upon a time", 700, gbnf, seed, temperature: 1.0f);
                using var doc = JsonDocument.Parse(text);
                var result = schema.Evaluate(doc.RootElement);
                Assert.True(result.IsValid, $"seed {seed}: {text}");
            }
        });
    }
}
