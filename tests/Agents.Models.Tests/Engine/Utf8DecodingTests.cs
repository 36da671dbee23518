using System.Text;
using Agents.Models.Engine;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class Utf8DecodingTests
{
    [Theory]
    [InlineData("héllo wörld")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 🎉👍🏽 mixed ÄÖÜ")]
    public async Task TokenTextDecoder_BytesSplitAnywhere_NeverEmitsBrokenCharacters(string text)
    {
        var model = await EngineTestModels.StoriesAsync();
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var chunk = 1; chunk <= 3; chunk++)
        {
            var decoder = new TokenTextDecoder(model.Handle);
            var output = new StringBuilder();
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                var piece = decoder.AppendBytes(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), flush: false);
                Assert.DoesNotContain('\uFFFD', piece);
                Assert.False(piece.Length > 0 && char.IsHighSurrogate(piece[^1]), "a surrogate pair was split");
                output.Append(piece);
            }

            output.Append(decoder.Flush());
            Assert.Equal(text, output.ToString());
        }
    }

    [Fact]
    public async Task GenerateStreaming_Llama2VocabWithByteTokens_StreamsSameTextAsWholeResponse()
    {
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Llama2TinyRandom, Threads = 1, MaxParallelConversations = 1, ContextSize = 256 });
        using var client = new LocalChatClient(model);
        var options = new ChatOptions { Temperature = 1.5f, Seed = 7, TopK = 0, TopP = 1, MaxOutputTokens = 120, AdditionalProperties = new() { ["min_p"] = 0 } };
        var messages = new[] { new ChatMessage(ChatRole.User, "日本語で答えてください: こんにちは") };

        var (streamed, updates) = await EngineTestModels.CollectAsync(client.GetStreamingResponseAsync(messages, options));
        var whole = (await client.GetResponseAsync(messages, options)).Text;

        Assert.Equal(whole, streamed);
        Assert.Contains(streamed, c => c > 127);
        Assert.All(updates, u => Assert.False(u.Text.Length > 0 && char.IsHighSurrogate(u.Text[^1])));
    }
}
