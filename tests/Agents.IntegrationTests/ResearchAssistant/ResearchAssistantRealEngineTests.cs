using Agents.Core.Loop;
using Agents.Core.Recipes;
using Agents.Models.Engine;
using Agents.TestSupport;
using Xunit.Abstractions;

namespace Agents.IntegrationTests.ResearchAssistant;

/// <summary>
/// The research assistant on the real engine: stories260K (a real, tiny llama model) decodes under the recipe's
/// grammar-forced ReAct actions, so every reply parses into an action on one of the recipe's tools (or a final
/// answer), and the real tools run against the local web.
/// </summary>
public sealed class ResearchAssistantRealEngineTests(ResearchWeb web, ITestOutputHelper output) : IClassFixture<ResearchWeb>
{
    [Fact]
    public async Task ResearchAssistant_Stories260KWithGrammar_CompletesLoopWithRealTools()
    {
        using var model = new LocalChatClient(new LocalModelOptions { ModelPath = TestAssets.Stories260K, ContextSize = 2048, Threads = 1, Seed = 3, ContextOverflow = ContextOverflowPolicy.DropOldestTurns });
        using var harness = new ResearchAssistantHarness(web, model, recipe => recipe with
        {
            Model = recipe.Model with { Sampling = recipe.Model.Sampling with { MaxTokens = 400, Temperature = 0.8, Seed = 3 } },
            Limits = recipe.Limits with { MaxSteps = 4, MaxConsecutiveErrors = 4, MaxTokens = 4096, MaxObservationChars = 400 },
        });
        Assert.True(harness.Recipe.Grammar);

        var events = await harness.RunAsync("How tall is the Eiffel Tower?");
        foreach (var e in events.Where(e => e is not TextDeltaEvent))
        {
            output.WriteLine(e.ToString());
        }

        Assert.Empty(events.OfType<ParseErrorEvent>());
        var calls = events.OfType<ToolCallEvent>().ToList();
        var results = events.OfType<ToolResultEvent>().ToList();
        var allowed = harness.Recipe.Tools.Select(t => t.Name).ToHashSet();
        Assert.All(calls, c => Assert.Contains(c.Tool, allowed));
        Assert.Equal(calls.Count, results.Count);
        var stopped = Assert.IsType<StoppedEvent>(events[^1]);
        Assert.True(results.Count > 0 || stopped.Reason == StopReason.FinalAnswer, $"no tool ran and no answer: {stopped.Message}");
        Assert.Contains(stopped.Reason, new[] { StopReason.FinalAnswer, StopReason.MaxSteps, StopReason.TooManyErrors });
    }
}
