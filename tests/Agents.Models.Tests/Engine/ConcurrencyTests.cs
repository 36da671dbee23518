using Agents.Models.Engine;

namespace Agents.Models.Tests.Engine;

public sealed class ConcurrencyTests
{
    private static readonly string[] Prompts = ["Once upon a time", "The little dog", "Tom and Sue went to", "One day a bird"];

    [Fact]
    public async Task GenerateStreaming_FourConcurrentGreedy_EqualSequentialResults()
    {
        var model = await EngineTestModels.StoriesAsync();
        var sequential = new List<string>();
        foreach (var prompt in Prompts)
        {
            sequential.Add((await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(48)))).Text);
        }

        var concurrent = await Task.WhenAll(Prompts.Select(p => Task.Run(async () =>
            (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(p, EngineTestModels.Greedy(48)))).Text)));

        Assert.Equal(sequential, concurrent);
        Assert.Equal(EngineTestModels.Reference64[..20], concurrent[0][..20]);
    }

    [Fact]
    public async Task GenerateStreaming_MoreRequestsThanSequences_AllCompleteWithSequentialResults()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 2);
        var prompts = Prompts.Concat(Prompts).ToArray();
        var expected = new Dictionary<string, string>();
        foreach (var prompt in Prompts)
        {
            expected[prompt] = (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(24)))).Text;
        }

        var results = await Task.WhenAll(prompts.Select(p => Task.Run(async () =>
            (Prompt: p, (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(p, EngineTestModels.Greedy(24)))).Text))));

        Assert.All(results, r => Assert.Equal(expected[r.Prompt], r.Text));
    }
}
