using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class StopSequenceTests
{
    [Theory]
    [InlineData("le gi", ", there was a litt")] // spans the tokens of "little" and " girl"
    [InlineData("named Lily", ", there was a little girl ")]
    [InlineData(", there", "")]
    public async Task GenerateStreaming_StopSpanningTokens_StopsWithoutLeakingPartialStop(string stop, string expected)
    {
        var model = await EngineTestModels.StoriesAsync();
        var options = EngineTestModels.Greedy(64);
        options.StopSequences = [stop];

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));

        Assert.Equal(expected, text);
        Assert.Equal(ChatFinishReason.Stop, EngineTestModels.Finish(updates));
    }

    [Fact]
    public async Task GenerateStreaming_StopPrefixThatNeverCompletes_ReleasesHeldTextInOrder()
    {
        var model = await EngineTestModels.StoriesAsync();
        var options = EngineTestModels.Greedy(64);
        options.StopSequences = ["girl named Bob", "park. Two"];

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", options));

        Assert.Equal(EngineTestModels.Reference64, text);
        Assert.Equal(ChatFinishReason.Length, EngineTestModels.Finish(updates));
    }

    [Fact]
    public void StopSequenceFilter_PieceByPiece_HoldsBackPossiblePrefixes()
    {
        var filter = new StopSequenceFilter(["</s>", "User:"]);

        Assert.Equal("Hello ", filter.Push("Hello <"));
        Assert.Equal("<b", filter.Push("b"));
        Assert.Equal("> ok ", filter.Push("> ok U"));
        Assert.Equal(string.Empty, filter.Push("ser"));
        Assert.Equal(string.Empty, filter.Push(": x"));
        Assert.True(filter.Stopped);
        Assert.Equal(string.Empty, filter.Flush());
    }

    [Fact]
    public void StopSequenceFilter_EndOfStream_FlushesHeldText()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        Assert.Equal("abc ", filter.Push("abc ST"));
        Assert.Equal("ST", filter.Flush());
        Assert.False(filter.Stopped);
    }
}
