using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class ChatClientTests
{
    private static readonly ChatMessage[] Conversation = [new(ChatRole.User, "Once upon a time")];

    [Fact]
    public async Task GetResponseAsync_Greedy_EqualsStreamedText()
    {
        using var client = new LocalChatClient(await EngineTestModels.StoriesAsync());

        var (streamed, updates) = await EngineTestModels.CollectAsync(client.GetStreamingResponseAsync(Conversation, EngineTestModels.Greedy(40)));
        var response = await client.GetResponseAsync(Conversation, EngineTestModels.Greedy(40));

        Assert.NotEmpty(streamed);
        Assert.Equal(streamed, response.Text);
        Assert.Equal(EngineTestModels.Usage(updates).OutputTokenCount, response.Usage?.OutputTokenCount);
        Assert.Equal(EngineTestModels.Usage(updates).InputTokenCount, response.Usage?.InputTokenCount);
        Assert.Equal(EngineTestModels.Finish(updates), response.FinishReason);
    }

    [Fact]
    public async Task GenerateStreaming_MaxOutputTokens_FinishesWithLengthAndCountsTokens()
    {
        var model = await EngineTestModels.StoriesAsync();
        var promptTokens = model.Tokenize("Once upon a time").Count;

        var (_, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(10)));

        var usage = EngineTestModels.Usage(updates);
        Assert.Equal(ChatFinishReason.Length, EngineTestModels.Finish(updates));
        Assert.Equal(10, usage.OutputTokenCount);
        Assert.Equal(promptTokens, usage.InputTokenCount);
        Assert.Equal(promptTokens + 10, usage.TotalTokenCount);
        Assert.Equal(1, model.Tokenize("Once upon a time")[0]); // BOS added
    }

    [Fact]
    public async Task GenerateStreaming_SameSeedSampling_IsReproducible()
    {
        var model = await EngineTestModels.StoriesAsync();
        var options = new ChatOptions { Temperature = 1.0f, Seed = 1234, MaxOutputTokens = 40 };

        var (first, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));
        var (second, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));
        var (greedy, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(40)));

        Assert.Equal(first, second);
        Assert.NotEqual(greedy, first);
    }

    [Fact]
    public async Task GetService_Metadata_NamesModel()
    {
        using var client = new LocalChatClient(await EngineTestModels.StoriesAsync());

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("stories260K", metadata?.DefaultModelId);
        Assert.NotNull(client.GetService<LocalModel>());
    }

    [Fact]
    public async Task GetResponseAsync_RequiredToolMode_ThrowsNotSupported()
    {
        using var client = new LocalChatClient(await EngineTestModels.StoriesAsync());
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => 42, "answer")], ToolMode = ChatToolMode.RequireAny };

        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options));
    }
}
