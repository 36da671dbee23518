using Agents.Core.Actions;
using Agents.Core.Loop;
using Agents.Core.Memory;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Loop;

public sealed class AgentRunnerTests
{
    private readonly List<string> _calls = [];

    private AIFunction Echo() => AIFunctionFactory.Create((string text) => { _calls.Add("echo:" + text); return text.ToUpperInvariant(); }, "echo", "Repeats the text in capitals.");

    private AIFunction Add() => AIFunctionFactory.Create((double a, double b) => { _calls.Add("add"); return a + b; }, "add", "Adds two numbers.");

    private static AIFunction Fails() => AIFunctionFactory.Create(string (string text) => throw new InvalidOperationException("disk on fire"), "fails", "Always fails.");

    private AgentDefinition Define(AgentLimits? limits = null) => new() { Tools = [Echo(), Add(), Fails()], Limits = limits ?? new AgentLimits() };

    private static async Task<List<AgentEvent>> RunAsync(AgentRunner runner, string task = "task", AgentTranscript? transcript = null, CancellationToken ct = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var e in runner.RunAsync(task, transcript, ct))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task RunAsync_ActionThenAnswer_CallsToolAndStopsWithFinalAnswer()
    {
        var action = "Thought: I should shout.\nAction: echo\nAction Input: hello\n";
        var model = new ScriptedChatClient(action + "Observation: made up\nFinal Answer: wrong", "Thought: done\nFinal Answer: HELLO");
        var events = await RunAsync(new AgentRunner(model, Define()));

        Assert.Equal(["echo:hello"], _calls);
        Assert.Equal(action.Length, model.ChunksProduced[0]); // not one chunk after the action's newline
        var result = Assert.Single(events.OfType<ToolResultEvent>());
        Assert.Equal("HELLO", result.Observation);
        Assert.False(result.IsError);
        Assert.Equal("I should shout.", events.OfType<ThoughtEvent>().First().Text);
        Assert.Equal("HELLO", Assert.Single(events.OfType<FinalAnswerEvent>()).Answer);
        Assert.Equal(StopReason.FinalAnswer, Assert.IsType<StoppedEvent>(events[^1]).Reason);
        var second = model.Calls[1];
        Assert.Equal(action, second[^2].Text);
        Assert.Equal("Observation: HELLO", second[^1].Text);
    }

    [Theory]
    [InlineData("```json\n{\"action\": \"echo\", \"action_input\": \"hi\"}\n```", ActionFormat.Auto)]
    [InlineData("<tool>echo</tool><tool_input>hi</tool_input>", ActionFormat.Xml)]
    [InlineData("Action: echo[hi]", ActionFormat.Bracket)]
    [InlineData("{\"name\": \"echo\", \"arguments\": {\"text\": \"hi\"}}", ActionFormat.Json)]
    public async Task RunAsync_EachFormat_StopsStreamAtActionEnd(string action, ActionFormat format)
    {
        var model = new ScriptedChatClient(action + "\nObservation: invented\nmore invented text", "Final Answer: ok");
        var events = await RunAsync(new AgentRunner(model, Define() with { Format = format }));

        Assert.Equal(["echo:hi"], _calls);
        Assert.Equal(action.Length, model.ChunksProduced[0]);
        Assert.Equal(StopReason.FinalAnswer, events.OfType<StoppedEvent>().Single().Reason);
    }

    [Theory]
    [InlineData("Thought: x\nAction: echo\nThought: oops", "missing 'Action Input:'")]
    [InlineData("Thought: x\nAction Input: hi\n", "without an 'Action:'")]
    [InlineData("Thought: x\nAction: echo Final Answer: hi\n", "both an action")]
    [InlineData("Thought: I wonder", "no complete action")]
    [InlineData("```json\n{\"action\": \"echo\", \"action_input\": ", "not closed")]
    [InlineData("[{\"action\": \"echo\", \"action_input\": \"a\"}, {\"action\": \"echo\", \"action_input\": \"b\"}]", "2 actions")]
    public async Task RunAsync_ParseFailure_SendsCorrectionAndContinues(string bad, string fragment)
    {
        var model = new ScriptedChatClient(bad, "Final Answer: fixed");
        var events = await RunAsync(new AgentRunner(model, Define()));

        var error = Assert.Single(events.OfType<ParseErrorEvent>());
        Assert.Contains(fragment, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_calls);
        Assert.Contains(fragment, model.Calls[1][^1].Text, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Observation: ", model.Calls[1][^1].Text, StringComparison.Ordinal);
        Assert.Equal(StopReason.FinalAnswer, events.OfType<StoppedEvent>().Single().Reason);
    }

    [Fact]
    public async Task RunAsync_UnknownTool_IsRefusedWithToolList()
    {
        var model = new ScriptedChatClient("Action: delete_everything\nAction Input: /\n", "Final Answer: ok");
        var events = await RunAsync(new AgentRunner(model, Define()));

        var result = Assert.Single(events.OfType<ToolResultEvent>());
        Assert.True(result.IsError);
        Assert.Contains("no tool named 'delete_everything'", result.Observation, StringComparison.Ordinal);
        Assert.Contains("echo, add, fails", result.Observation, StringComparison.Ordinal);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task RunAsync_ToolOutsideDefinition_IsNeverCalled()
    {
        var secret = false;
        var other = AIFunctionFactory.Create(() => { secret = true; return "x"; }, "secret");
        var model = new ScriptedChatClient("Action: secret\nAction Input: \n", "Final Answer: ok");
        var events = await RunAsync(new AgentRunner(model, new AgentDefinition { Tools = [Echo()] }));

        Assert.False(secret);
        Assert.True(events.OfType<ToolResultEvent>().Single().IsError);
        _ = other;
    }

    [Theory]
    [InlineData("Action: fails\nAction Input: x\n", "disk on fire")]
    [InlineData("Action: add\nAction Input: {\"a\": \"one\", \"b\": 2}\n", "must be a number")]
    [InlineData("Action: add\nAction Input: {\"a\": 1}\n", "needs parameter 'b'")]
    [InlineData("Action: add\nAction Input: 1 and 2\n", "JSON object")]
    [InlineData("Action: add\nAction Input: {\"a\": 1, \"b\": 2, \"c\": 3}\n", "no parameter 'c'")]
    public async Task RunAsync_BadArgumentsOrToolException_GoBackAsObservation(string reply, string fragment)
    {
        var model = new ScriptedChatClient(reply, "Final Answer: ok");
        var events = await RunAsync(new AgentRunner(model, Define()));

        var result = Assert.Single(events.OfType<ToolResultEvent>());
        Assert.True(result.IsError);
        Assert.Contains(fragment, result.Observation, StringComparison.Ordinal);
        Assert.Equal("Observation: " + result.Observation, model.Calls[1][^1].Text);
        Assert.DoesNotContain("add", _calls);
    }

    [Fact]
    public async Task RunAsync_JsonArguments_BindToParameters()
    {
        var model = new ScriptedChatClient("Action: add\nAction Input: {\"a\": 2, \"b\": \"3\"}\n", "Final Answer: 5");
        var events = await RunAsync(new AgentRunner(model, Define()));

        Assert.Equal("5", events.OfType<ToolResultEvent>().Single().Observation);
    }

    [Fact]
    public async Task RunAsync_MaxSteps_StopsWithReason()
    {
        var model = new ScriptedChatClient(Enumerable.Repeat("Action: echo\nAction Input: a\n", 5).ToArray());
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxSteps = 3 })));

        Assert.Equal(3, model.Calls.Count);
        var stop = Assert.IsType<StoppedEvent>(events[^1]);
        Assert.Equal(StopReason.MaxSteps, stop.Reason);
        Assert.Contains("max_steps = 3", stop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MaxToolCalls_StopsBeforeTheExtraCall()
    {
        var model = new ScriptedChatClient(Enumerable.Repeat("Action: echo\nAction Input: a\n", 5).ToArray());
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxToolCalls = 2 })));

        Assert.Equal(2, _calls.Count);
        Assert.Equal(StopReason.MaxToolCalls, Assert.IsType<StoppedEvent>(events[^1]).Reason);
    }

    [Fact]
    public async Task RunAsync_MaxTokens_StopsGeneration()
    {
        var model = new ScriptedChatClient("Thought: this is a very long thought that never ends and goes on");
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxTokens = 10 })));

        Assert.Equal(10, model.ChunksProduced[0]);
        Assert.Equal(StopReason.MaxTokens, Assert.IsType<StoppedEvent>(events[^1]).Reason);
        Assert.Equal(10, model.OptionsSeen[0]!.MaxOutputTokens);
    }

    [Fact]
    public async Task RunAsync_MaxTime_StopsSlowModel()
    {
        var model = new ScriptedChatClient("Thought: slow slow slow slow slow slow slow slow slow slow") { ChunkDelay = TimeSpan.FromMilliseconds(50) };
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxTime = TimeSpan.FromMilliseconds(200) })));

        Assert.Equal(StopReason.MaxTime, Assert.IsType<StoppedEvent>(events[^1]).Reason);
        Assert.True(model.ChunksProduced[0] < 40);
    }

    [Fact]
    public async Task RunAsync_ConsecutiveErrors_StopsAfterLimit()
    {
        var model = new ScriptedChatClient("Thought: a", "Action: nope\nAction Input: x\n", "Thought: c", "Final Answer: never");
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxConsecutiveErrors = 3 })));

        Assert.Equal(3, model.Calls.Count);
        Assert.Equal(StopReason.TooManyErrors, Assert.IsType<StoppedEvent>(events[^1]).Reason);
    }

    [Fact]
    public async Task RunAsync_SuccessResetsErrorCount()
    {
        var model = new ScriptedChatClient("Thought: a", "Action: echo\nAction Input: x\n", "Thought: b", "Final Answer: ok");
        var events = await RunAsync(new AgentRunner(model, Define(new AgentLimits { MaxConsecutiveErrors = 2 })));

        Assert.Equal(StopReason.FinalAnswer, Assert.IsType<StoppedEvent>(events[^1]).Reason);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        var model = new ScriptedChatClient("Thought: slow slow slow slow slow slow slow slow") { ChunkDelay = TimeSpan.FromMilliseconds(20) };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(new AgentRunner(model, Define()), ct: cts.Token));
    }

    [Fact]
    public async Task RunAsync_ModelThrows_PropagatesAsFrameworkError()
    {
        var model = new ScriptedChatClient(); // no reply scripted: the client itself fails
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(new AgentRunner(model, Define())));
    }

    [Fact]
    public async Task RunAsync_Memory_WritesObservationsAndAnswersAndRecallsThem()
    {
        var memory = new InMemoryAgentMemory();
        await memory.WriteAsync(new MemoryEntry("The capital of France is Paris.", "note"));
        await memory.WriteAsync(new MemoryEntry("Bananas are yellow.", "note"));
        var model = new ScriptedChatClient("Action: echo\nAction Input: paris\n", "Final Answer: Paris");
        var definition = Define() with { MemoryTopK = 1, MemoryMinScore = 0.1 };
        var events = await RunAsync(new AgentRunner(model, definition, memory), "What is the capital of France?");

        Assert.Contains("The capital of France is Paris.", model.Calls[0][0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bananas", model.Calls[0][0].Text, StringComparison.Ordinal);
        var writes = events.OfType<MemoryWriteEvent>().ToList();
        Assert.Equal(["observation", "final-answer"], writes.Select(w => w.Entry.Source));
        Assert.Equal(4, memory.Entries.Count);
    }

    [Fact]
    public async Task RunAsync_Grammar_IsPassedToModel()
    {
        var model = new ScriptedChatClient("Thought: x\nFinal Answer: y");
        await RunAsync(new AgentRunner(model, Define() with { UseGrammar = true, Format = ActionFormat.React }));

        var grammar = Assert.IsType<string>(model.OptionsSeen[0]!.AdditionalProperties!["grammar"]);
        Assert.Contains("\"echo\" | \"add\" | \"fails\"", grammar, StringComparison.Ordinal);
        Assert.Contains("\nObservation:", model.OptionsSeen[0]!.StopSequences!);
    }

    [Fact]
    public async Task RunAsync_Transcript_RoundTripsAndContinuesConversation()
    {
        var transcript = new AgentTranscript();
        var model = new ScriptedChatClient("Action: echo\nAction Input: a\n", "Final Answer: A", "Final Answer: again");
        var runner = new AgentRunner(model, Define());
        await RunAsync(runner, "first", transcript);
        var restored = AgentTranscript.FromJson(transcript.ToJson());
        Assert.Equal(transcript.Steps, restored.Steps);
        await RunAsync(runner, "second", restored);

        var third = model.Calls[2];
        Assert.Equal(["first", "Action: echo\nAction Input: a\n", "Observation: A", "Final Answer: A", "second"], third.Skip(1).Select(m => m.Text));
    }

    [Fact]
    public async Task RunAsync_NoInputTool_CompletesAtActionLine()
    {
        var clock = AIFunctionFactory.Create(() => "12:00", "clock", "Tells the time.");
        var model = new ScriptedChatClient("Thought: time?\nAction: clock\nObservation: 11:00", "Final Answer: noon");
        var events = await RunAsync(new AgentRunner(model, new AgentDefinition { Tools = [clock] }));

        Assert.Equal("Thought: time?\nAction: clock\n".Length, model.ChunksProduced[0]);
        Assert.Equal("12:00", events.OfType<ToolResultEvent>().Single().Observation);
    }

    [Fact]
    public async Task RunAsync_ChunkWithHallucination_TextDeltasStopAtActionEnd()
    {
        IReadOnlyList<string>[] replies = [["Thought: x\nAction: echo\nAction", " Input: hi\nand some invented prose"], ["Final Answer: HI"]];
        var model = new ScriptedChatClient(replies);
        var events = await RunAsync(new AgentRunner(model, Define()));

        Assert.Equal("Thought: x\nAction: echo\nAction Input: hi\n", string.Concat(events.OfType<TextDeltaEvent>().Where(e => e.Step == 1).Select(e => e.Text)));
        Assert.Equal(["echo:hi"], _calls);
    }
}
