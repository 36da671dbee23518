using System.Text.Json;
using System.Text.RegularExpressions;
using Agents.Models.Grammars;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class GrammarSamplingTests
{
    [Fact]
    public async Task GenerateStreaming_GbnfGrammar_ConstrainsOutput()
    {
        var model = await EngineTestModels.StoriesAsync();
        var options = EngineTestModels.Greedy(30);
        options.AdditionalProperties = new() { ["grammar"] = "root ::= \"Lily\" (\" \" [a-z]+)* \".\"" };

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));
        var (again, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));

        Assert.Matches(new Regex("^Lily( [a-z]+)*\\.?$"), text);
        Assert.Equal(text, again); // a fresh grammar state per run
        Assert.NotEqual(EngineTestModels.Reference64[..10], text[..Math.Min(10, text.Length)]);
    }

    [Fact]
    public async Task GenerateStreaming_InvalidGrammar_ThrowsGrammarExceptionInsteadOfCrashing()
    {
        var model = await EngineTestModels.StoriesAsync();
        var options = EngineTestModels.Greedy(5);
        options.AdditionalProperties = new() { ["grammar"] = "root ::= [\\q] \"x" };

        await Assert.ThrowsAsync<GrammarException>(() => EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once", options)));
        var (text, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(8)));
        Assert.StartsWith(text, EngineTestModels.Reference64, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaResponseFormat_ProducesJsonOfThatShape()
    {
        var model = await EngineTestModels.StoriesAsync();
        using var client = new Agents.Models.Engine.LocalChatClient(model);
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string","maxLength":8}},"required":["name"],"additionalProperties":false}""");
        var options = EngineTestModels.Greedy(80);
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone());

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], options);

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        using var parsed = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("name").ValueKind);
        Assert.True(parsed.RootElement.GetProperty("name").GetString()!.Length <= 8);
    }
}
