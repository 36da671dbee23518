using System.Text.Json;
using System.Text.RegularExpressions;
using Agents.Models.Engine;
using Agents.Models.Gguf;
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
    public async Task GenerateStreaming_GrammarTheVocabularyCannotSpell_FailsThatRequestAndTheModelGoesOn()
    {
        // A vocabulary without byte fallback (like T5's) and a grammar that requires a character it lacks: llama.cpp
        // would be asked to accept a token its grammar rejects, which throws a C++ exception and aborts the process.
        var folder = Directory.CreateTempSubdirectory("agents-grammar-dead-end-");
        try
        {
            var vocabulary = Path.Combine(folder.FullName, "vocab.gguf");
            string[] tokens = ["<unk>", "<s>", "</s>", "\u2581a", "a", "b", "c", "\u2581"];
            new GgufWriter()
                .AddString("general.architecture", "llama")
                .AddString("tokenizer.ggml.model", "llama")
                .AddArray("tokenizer.ggml.tokens", GgufValueType.String, tokens)
                .AddArray("tokenizer.ggml.scores", GgufValueType.Float32, tokens.Select((_, i) => (float)-i))
                .AddArray("tokenizer.ggml.token_type", GgufValueType.Int32, tokens.Select((_, i) => i switch { 0 => 2, < 3 => 3, _ => 1 }))
                .AddUInt32("tokenizer.ggml.bos_token_id", 1)
                .AddUInt32("tokenizer.ggml.eos_token_id", 2)
                .AddUInt32("tokenizer.ggml.unknown_token_id", 0)
                .WriteFile(vocabulary);
            var path = Path.Combine(folder.FullName, "tiny.gguf");
            TinyModelFactory.WriteLlama(path, 2, 64, 4, 4, 128, vocabulary, seed: 1);
            using var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = path, Threads = 1, ContextSize = 128, MaxParallelConversations = 2 });
            var dead = EngineTestModels.Greedy(5);
            dead.AdditionalProperties = new() { ["grammar"] = "root ::= \"z\"" };
            var spellable = EngineTestModels.Greedy(5);
            spellable.AdditionalProperties = new() { ["grammar"] = "root ::= \"ab\"" };

            var failing = EngineTestModels.CollectAsync(model.GenerateStreamingAsync("a b", dead));
            var working = EngineTestModels.CollectAsync(model.GenerateStreamingAsync("a b", spellable));

            var error = await Assert.ThrowsAsync<GrammarException>(() => failing);
            Assert.Contains("vocabulary cannot spell", error.Message, StringComparison.Ordinal);
            Assert.Equal("ab", (await working).Text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaResponseFormat_ProducesJsonOfThatShape()
    {
        var model = await EngineTestModels.StoriesAsync();
        using var client = new LocalChatClient(model);
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
