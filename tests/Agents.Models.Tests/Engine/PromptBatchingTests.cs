using Agents.Models.Engine;
using Agents.TestSupport;

namespace Agents.Models.Tests.Engine;

public sealed class PromptBatchingTests
{
    private static readonly string LongPrompt = string.Concat(Enumerable.Repeat("Once upon a time, there was a little girl named Lily. ", 12));

    [Fact]
    public async Task GenerateStreaming_PromptLongerThanBatch_EqualsSingleBatchResult()
    {
        var big = await EngineTestModels.StoriesAsync(parallel: 1, contextSize: 1024);
        var small = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 2, ContextSize = 1024, BatchSize = 16 });
        Assert.True(small.Tokenize(LongPrompt).Count > 100);

        var (expected, _) = await EngineTestModels.CollectAsync(big.GenerateStreamingAsync(LongPrompt, EngineTestModels.Greedy(32)));
        var (actual, updates) = await EngineTestModels.CollectAsync(small.GenerateStreamingAsync(LongPrompt, EngineTestModels.Greedy(32)));

        Assert.Equal(expected, actual);
        Assert.Equal(small.Tokenize(LongPrompt).Count, EngineTestModels.Usage(updates).InputTokenCount);
    }

    [Fact]
    public async Task GenerateStreaming_LongPromptArrivesWhileAnotherGenerates_BothEqualSequential()
    {
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 2, ContextSize = 1024, BatchSize = 16 });
        var (shortAlone, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(100)));
        var (longAlone, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(LongPrompt, EngineTestModels.Greedy(20)));

        var shortTask = EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(100)));
        var longTask = EngineTestModels.CollectAsync(model.GenerateStreamingAsync(LongPrompt, EngineTestModels.Greedy(20)));

        Assert.Equal(shortAlone, (await shortTask).Text);
        Assert.Equal(longAlone, (await longTask).Text);
    }
}
