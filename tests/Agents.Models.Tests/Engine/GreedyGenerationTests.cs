using Agents.Models.Engine;

namespace Agents.Models.Tests.Engine;

public sealed class GreedyGenerationTests
{
    [Fact]
    public async Task GenerateStreaming_Stories260KGreedy64_EqualsLlamaCppReference()
    {
        var model = await EngineTestModels.StoriesAsync();

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(64)));

        Assert.Equal(EngineTestModels.Reference64, text);
        Assert.Equal(64, EngineTestModels.Usage(updates).OutputTokenCount);
    }

    [Fact]
    public async Task GenerateStreaming_Stories260KGreedy200_StartsWithLlamaCppReference()
    {
        var model = await EngineTestModels.StoriesAsync();

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(200)));

        Assert.StartsWith(EngineTestModels.Reference200Prefix, text, StringComparison.Ordinal);
        Assert.Equal(200, EngineTestModels.Usage(updates).OutputTokenCount);
    }

    [Fact]
    public async Task GenerateStreaming_Greedy_StreamsOneUpdatePerToken()
    {
        var model = await EngineTestModels.StoriesAsync();

        var (_, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(16)));

        // 16 token pieces (all ASCII, none empty) plus the final usage update.
        Assert.Equal(17, updates.Count);
        Assert.All(updates.Take(16), u => Assert.False(string.IsNullOrEmpty(u.Text)));
    }

    [Fact]
    public async Task LoadAsync_SameOptionsTwice_ReturnsTheSameModel()
    {
        var first = await EngineTestModels.StoriesAsync();
        var second = await EngineTestModels.StoriesAsync();

        Assert.Same(first, second);
        Assert.Equal("llama", first.Architecture);
        Assert.Equal("CPU", first.Backend.Backend);
        Assert.Equal(0, first.Backend.GpuLayersOffloaded);
        Assert.Equal(512, first.ContextSize);
        Assert.True(first.DirectDecode, "llama_decode should be called directly, not through LLamaSharp's batch marshalling");
    }
}
