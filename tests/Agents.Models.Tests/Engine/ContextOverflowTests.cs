using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class ContextOverflowTests
{
    [Fact]
    public async Task GenerateStreaming_PromptLongerThanContext_ThrowsWithCounts()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 1, contextSize: 64);
        var prompt = string.Concat(Enumerable.Repeat("Once upon a time there was a dog. ", 20));
        var before = model.GeneratedTokenCount;

        var ex = await Assert.ThrowsAsync<ContextOverflowException>(() => EngineTestModels.CollectAsync(model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(8))));

        Assert.Equal(64, ex.ContextSize);
        Assert.Equal(model.Tokenize(prompt).Count, ex.PromptTokens);
        Assert.True(ex.PromptTokens > 64);
        Assert.Equal(before, model.GeneratedTokenCount);
    }

    [Fact]
    public async Task GenerateStreaming_ReplyReachesContextEnd_FinishesWithLength()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 1, contextSize: 64);

        var (_, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(500)));

        var usage = EngineTestModels.Usage(updates);
        Assert.Equal(ChatFinishReason.Length, EngineTestModels.Finish(updates));
        Assert.True(usage.TotalTokenCount <= 64);
    }

    [Fact]
    public async Task ChatClient_DropOldestTurns_DropsHistoryUntilItFits()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 1, contextSize: 64);
        var filler = string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 6));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "Tell a story."),
            new(ChatRole.User, filler),
            new(ChatRole.Assistant, filler),
            new(ChatRole.User, "Once upon a time"),
        };
        using var strict = new LocalChatClient(model);
        using var dropping = new LocalChatClient(model, overflow: ContextOverflowPolicy.DropOldestTurns);

        await Assert.ThrowsAsync<ContextOverflowException>(() => strict.GetResponseAsync(messages, EngineTestModels.Greedy(4)));
        var response = await dropping.GetResponseAsync(messages, EngineTestModels.Greedy(4));

        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.True(response.Usage?.InputTokenCount < 64);
    }

    [Fact]
    public async Task ChatClient_DropOldestTurns_LastTurnTooLong_Throws()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 1, contextSize: 64);
        using var dropping = new LocalChatClient(model, overflow: ContextOverflowPolicy.DropOldestTurns);
        var huge = string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 20));

        await Assert.ThrowsAsync<ContextOverflowException>(() => dropping.GetResponseAsync([new ChatMessage(ChatRole.User, huge)], EngineTestModels.Greedy(4)));
    }
}
