using Agents.Core.Actions;

namespace Agents.Core.Tests.Actions;

public sealed class ActionParserStreamingTests
{
    private static int CompletesAfter(string text, ActionParserOptions? options = null)
    {
        var parser = new ActionParser(options);
        for (var i = 0; i < text.Length; i++)
        {
            if (parser.Feed(text.AsSpan(i, 1)))
            {
                return i + 1;
            }
        }

        return -1;
    }

    [Theory]
    [InlineData("Action: search\nAction Input: weather\n", "Action: search\nAction Input: weather\n")]
    [InlineData("Action: search\nAction Input: {\"q\": \"a}b\"}", "Action: search\nAction Input: {\"q\": \"a}b\"}")]
    [InlineData("```json\n{\"action\": \"s\", \"action_input\": \"```x```\"}\n```", "```json\n{\"action\": \"s\", \"action_input\": \"```x```\"}\n```")]
    [InlineData("{\"name\": \"s\", \"arguments\": {}}", "{\"name\": \"s\", \"arguments\": {}}")]
    [InlineData("<tool>s</tool><tool_input>x</tool_input>", "<tool>s</tool><tool_input>x</tool_input>")]
    [InlineData("Action: Search[a [b] c]", "Action: Search[a [b] c]")]
    [InlineData("Action: s\nAction Input:\n```\ncode\n```", "Action: s\nAction Input:\n```\ncode\n```")]
    public void Feed_CompletesExactlyAtActionEnd(string prefix, string completeAt)
    {
        Assert.Equal(completeAt.Length, CompletesAfter(prefix + "\nObservation: more text that is never needed"));
    }

    [Fact]
    public void Feed_FinalAnswer_CompletesOnlyAtEndOrNextStep()
    {
        Assert.Equal(-1, CompletesAfter("Final Answer: 4\nand more"));
        // The next step is recognised when its label is complete; the answer itself ends before it.
        Assert.Equal("Final Answer: 4\nQuestion:".Length, CompletesAfter("Final Answer: 4\nQuestion: next?"));
        Assert.Equal("Final Answer: 4\n".Length, ActionParser.Parse("Final Answer: 4\nQuestion: next?").Length);
    }

    [Fact]
    public void Feed_NoInputTool_CompletesAtEndOfActionLine()
    {
        var options = new ActionParserOptions { ToolsWithoutInput = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "clock" } };
        Assert.Equal("Action: clock\n".Length, CompletesAfter("Action: clock\nObservation: 12:00", options));
    }

    [Fact]
    public void Parse_Thought_IsTextBeforeTheActionWithoutLabels()
    {
        var result = ActionParser.Parse("Thought: I need to use a tool to help me answer the question.\nAction: add\nAction Input: {\"a\": 1, \"b\": 1}\n");
        Assert.Equal("I need to use a tool to help me answer the question.", result.Thought);
        Assert.Equal(ActionFormat.React, result.Format);
    }

    [Fact]
    public void Parse_Length_CoversActionOnly()
    {
        const string action = "Thought: x\nAction: a\nAction Input: b\n";
        var result = ActionParser.Parse(action + "Observation: invented");
        Assert.Equal(action.Length, result.Length);
    }

    [Fact]
    public void Parse_PlainTextNotFinal_WhenOptionOff()
    {
        var result = ActionParser.Parse("just prose", new ActionParserOptions { PlainTextIsFinalAnswer = false });
        Assert.Equal(ActionParseKind.Error, result.Kind);
    }
}
