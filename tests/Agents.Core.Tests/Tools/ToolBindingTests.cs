using Agents.Core.Actions;
using Agents.Core.Loop;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Tools;

public sealed class ToolBindingTests
{
    private static async Task<List<AgentEvent>> RunAsync(AIFunction tool, params string[] replies)
    {
        var runner = new AgentRunner(new ScriptedChatClient(replies), new AgentDefinition { Tools = [tool], Format = ActionFormat.React });
        var events = new List<AgentEvent>();
        await foreach (var e in runner.RunAsync("task"))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task Bind_PlainTextForOneRequiredTextParameterWithOptionalOnes_BindsToTheRequiredOne()
    {
        string? seen = null;
        var seenTopK = -1;
        var recall = AIFunctionFactory.Create((string query, int top_k = 3) => { seen = query; seenTopK = top_k; return "found"; }, "recall");

        var events = await RunAsync(recall, "Thought: look.\nAction: recall\nAction Input: eiffel tower height\n", "Final Answer: done");

        var result = events.OfType<ToolResultEvent>().Single();
        Assert.False(result.IsError, result.Observation);
        Assert.Equal("eiffel tower height", seen);
        Assert.Equal(3, seenTopK);
    }

    [Fact]
    public async Task Bind_PlainTextForTwoRequiredParameters_IsAnErrorNamingTheParameters()
    {
        var called = false;
        var tool = AIFunctionFactory.Create((string path, string content) => { called = true; return "ok"; }, "write");

        var events = await RunAsync(tool, "Thought: write.\nAction: write\nAction Input: hello\n", "Final Answer: done");

        var result = events.OfType<ToolResultEvent>().Single();
        Assert.True(result.IsError);
        Assert.Contains("path", result.Observation, StringComparison.Ordinal);
        Assert.Contains("content", result.Observation, StringComparison.Ordinal);
        Assert.False(called);
    }
}
