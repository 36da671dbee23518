using Agents.Core.Actions;

namespace Agents.Core.Tests.Actions;

public sealed class ActionParserTableTests
{
    // kind: A = action (tool, input), F = final (answer), E = error (a fragment of the message).
    public static TheoryData<string, ActionFormat, string, string, string?> Cases() => new()
    {
        // ReAct
        { "react-basic", ActionFormat.Auto, "Thought: agent thought here\nAction: search\nAction Input: what is the temperature in SF?", "A:search", "what is the temperature in SF?" },
        { "react-newline-end", ActionFormat.React, "Thought: x\nAction: Search\nAction Input: NBA\n", "A:Search", "NBA" },
        { "react-trailing-space-action", ActionFormat.React, "Thought: I need to search for NBA\nAction: Search \nAction Input: NBA", "A:Search", "NBA" },
        { "react-case", ActionFormat.Auto, "THOUGHT: x\naction: Search\naction input: NBA", "A:Search", "NBA" },
        { "react-numbered", ActionFormat.Auto, "Thought 1: x\nAction 1: Search\nAction Input 1: NBA", "A:Search", "NBA" },
        { "react-quoted-input", ActionFormat.Auto, "Action: Search\nAction Input: \"NBA finals\"", "A:Search", "NBA finals" },
        { "react-inner-quotes-kept", ActionFormat.Auto, "Action: query_sql_db\nAction Input: SELECT \"UserName\" FROM \"T\"", "A:query_sql_db", "SELECT \"UserName\" FROM \"T\"" },
        { "react-observation-dropped", ActionFormat.Auto, "Thought: x\nAction: Search\nAction Input: NBA\nObservation: founded in 1946", "A:Search", "NBA" },
        { "react-input-next-line", ActionFormat.Auto, "Action: Terminal\nAction Input:\nls -l ~/.bashrc.d/\n", "A:Terminal", "ls -l ~/.bashrc.d/" },
        { "react-fenced-input", ActionFormat.Auto, "Now I write a test.\n\nAction: Python\nAction Input:\n```\nimport unittest\n\nunittest.main()\n```", "A:Python", "```\nimport unittest\n\nunittest.main()\n```" },
        { "react-json-input", ActionFormat.Auto, "Thought: add\nAction: add\nAction Input: {\"a\": 1, \"b\": 1}\n", "A:add", "{\"a\":1,\"b\":1}" },
        { "react-json-nested", ActionFormat.Auto, "Thought: Gotta use a tool.\nAction: tool\nAction Input: {\"a\": 1, \"b\": {}}\n", "A:tool", "{\"a\":1,\"b\":{}}" },
        { "react-dirty-json", ActionFormat.Auto, "Thought: Gotta use a tool.\nAction: tool\nAction Input: {'pages': ['coffee'] /* comment */, 'load_kwargs': {}, 'query_str': ''}, along those lines.\n", "A:tool", "{\"pages\":[\"coffee\"],\"load_kwargs\":{},\"query_str\":\"\"}" },
        { "react-call-wrapped-json", ActionFormat.Auto, "Thought: x\nAction: add\nAction Input: QueryEngineTool({\"a\": 1, \"b\": 1})\n", "A:add", "{\"a\":1,\"b\":1}" },
        { "react-action-description", ActionFormat.Auto, "Thought: x\nAction: add (add two numbers)\nAction Input: {\"a\": 1, \"b\": 1}", "A:add", "{\"a\":1,\"b\":1}" },
        { "react-spurious-newlines", ActionFormat.Auto, "Thought: x\n\nAction: add\n\nAction Input: {\"a\": 1, \"b\": 1}\n", "A:add", "{\"a\":1,\"b\":1}" },
        { "react-chinese", ActionFormat.Auto, "Thought: 我需要\nAction: 加法\nAction Input: {\"a\": 1, \"b\": 1}", "A:加法", "{\"a\":1,\"b\":1}" },
        { "react-markdown-bold", ActionFormat.Auto, "**Thought:** x\n**Action:** calculator\n**Action Input:** 2+2\n", "A:calculator", "2+2" },
        { "react-backticked-tool", ActionFormat.Auto, "Action: `calculator`\nAction Input: 2+2\n", "A:calculator", "2+2" },
        { "react-json-brace-in-thought", ActionFormat.Auto, "Thought: I'll use { then\nAction: search\nAction Input: x\n", "A:search", "x" },
        { "react-final", ActionFormat.Auto, "Thought: agent thought here\nFinal Answer: The temperature is 100", "F", "The temperature is 100" },
        { "react-final-newline", ActionFormat.Auto, "Thought: I can now answer the question\nFinal Answer:\n1994", "F", "1994" },
        { "react-final-multiline", ActionFormat.Auto, "Thought: I can now answer\nFinal Answer: 1994\n1993", "F", "1994\n1993" },
        { "react-final-inline", ActionFormat.Auto, "Thought: I know it. Final Answer: 4", "F", "4" },
        { "react-final-lowercase", ActionFormat.Auto, "final answer: 4", "F", "4" },
        { "llamaindex-answer", ActionFormat.Auto, "Thought: I have enough information.\nAnswer: 2\n", "F", "2" },
        { "llamaindex-answer-multiline", ActionFormat.Auto, "Thought: ok\nAnswer: Here is the answer:\n\nThis is the second line.", "F", "Here is the answer:\n\nThis is the second line." },
        { "final-before-hallucinated-action", ActionFormat.Auto, "Final Answer: The best pizza to eat is margaritta\n\nI can use the `foo` tool to achieve the goal.\n\nAction: foo\nAction Input: bar\n", "F", "The best pizza to eat is margaritta" },
        { "final-then-question", ActionFormat.Auto, "Final Answer: 4\nQuestion: what is 3+3?", "F", "4" },
        { "final-partial-stop", ActionFormat.Auto, "Final Answer: 4\nObserv", "F", "4" },
        { "plain-text-final", ActionFormat.Auto, "Hello! How can I help?", "F", "Hello! How can I help?" },
        { "react-error-no-input", ActionFormat.Auto, "Thought: I need to search for NBA\nAction: Search\nThought: NBA", "E", "missing 'Action Input:'" },
        { "react-error-no-input-eos", ActionFormat.Auto, "Thought: x\nAction: Search", "E", "missing 'Action Input:'" },
        { "react-error-input-without-action", ActionFormat.Auto, "Thought: I need to search for NBA\nThought: Search\nAction Input: NBA", "E", "without an 'Action:'" },
        { "react-error-action-and-final", ActionFormat.Auto, "Thought: x\nAction: Search\nAction Input: NBA\nObservation: founded in 1994\nThought: I can now answer the question\nFinal Answer: 1994", "E", "both an action and a 'Final Answer:'" },
        { "react-error-final-in-action", ActionFormat.Auto, "Thought: agent thought here\nAction: search Final Answer:\nAction Input: what is the temperature in SF?", "E", "both an action" },
        { "react-error-two-actions", ActionFormat.Auto, "Action: a\nAction Input: x\nAction: b\nAction Input: y", "E", "two actions" },
        { "react-error-thought-only", ActionFormat.Auto, "Thought: I should think more", "E", "no complete action" },
        { "react-error-empty", ActionFormat.Auto, "   ", "E", "empty" },
        { "react-error-empty-final", ActionFormat.Auto, "Thought: x\nFinal Answer:", "E", "final answer is empty" },
        // JSON
        { "json-fenced", ActionFormat.Auto, "Thought: agent thought here\n```\n{\n    \"action\": \"search\",\n    \"action_input\": \"what is the temperature in SF?\"\n}\n```\n", "A:search", "what is the temperature in SF?" },
        { "json-fenced-json-tag", ActionFormat.Json, "    ```json\n{\n  \"action\": \"search\",\n  \"action_input\": \"2+2\"\n}\n```", "A:search", "2+2" },
        { "json-final-action", ActionFormat.Auto, "```\n{\n  \"action\": \"Final Answer\",\n  \"action_input\": \"4\"\n}\n```", "F", "4" },
        { "json-bare", ActionFormat.Json, "{\"name\": \"test\", \"arguments\": {\"key\": \"value\"}}", "A:test", "{\"key\":\"value\"}" },
        { "json-nested-args", ActionFormat.Auto, "{\"name\": \"test\", \"arguments\": {\"key\": {\"nested_key\": \"value\"}}}", "A:test", "{\"key\":{\"nested_key\":\"value\"}}" },
        { "json-in-prose", ActionFormat.Auto, "Some text before {\"name\": \"web_search\", \"arguments\": {\"query\": \"x\"}} after", "A:web_search", "{\"query\":\"x\"}" },
        { "json-action-label", ActionFormat.Auto, "Thought: I will search.\nAction:\n{\n  \"name\": \"image_transformer\",\n  \"arguments\": {\"image\": \"image_1.jpg\"}\n}", "A:image_transformer", "{\"image\":\"image_1.jpg\"}" },
        { "json-action-label-fenced", ActionFormat.Auto, "Action:\n```json\n{\"action\": \"search\", \"action_input\": \"x\"}\n```", "A:search", "x" },
        { "json-nested-fence-in-string", ActionFormat.Auto, "```json\n{\"action\": \"python\", \"action_input\": \"```py\\nprint(1)\\n```\"}\n```", "A:python", "```py\nprint(1)\n```" },
        { "json-raw-newline-in-string", ActionFormat.Auto, "```json\n{\"action\": \"python\", \"action_input\": \"```py\nprint(1)\n```\"}\n```", "A:python", "```py\nprint(1)\n```" },
        { "json-arguments-as-string", ActionFormat.Auto, "{\"name\": \"add\", \"arguments\": \"{\\\"a\\\": 1}\"}", "A:add", "{\"a\":1}" },
        { "json-single-quotes", ActionFormat.Json, "{'action': 'search', 'action_input': 'weather'}", "A:search", "weather" },
        { "json-openai-function", ActionFormat.Auto, "{\"type\": \"function\", \"function\": {\"name\": \"get_time\", \"arguments\": {}}}", "A:get_time", "{}" },
        { "json-final-answer-tool", ActionFormat.Auto, "{\"name\": \"final_answer\", \"arguments\": {\"answer\": \"Paris\"}}", "F", "Paris" },
        { "json-list-one", ActionFormat.Auto, "```json\n[{\"action\": \"search\", \"action_input\": \"x\"}]\n```", "A:search", "x" },
        { "json-list-two", ActionFormat.Auto, "```json\n[{\"action\": \"a\", \"action_input\": \"x\"}, {\"action\": \"b\", \"action_input\": \"y\"}]\n```", "E", "2 actions" },
        { "json-final-keyword", ActionFormat.Json, "Thought: done\nFinal Answer: 42", "F", "42" },
        { "json-not-action-is-prose", ActionFormat.Auto, "The config is {\"x\": 1}. Final Answer: it is 1", "F", "it is 1" },
        { "json-unclosed", ActionFormat.Json, "```json\n{\"action\": \"search\", \"action_input\": \"x\"", "E", "not closed" },
        { "json-code-block-prose", ActionFormat.Auto, "Here is code:\n```python\nprint('Action: x')\n```\nFinal Answer: done", "F", "done" },
        // XML
        { "xml-tool", ActionFormat.Auto, "<tool>search</tool><tool_input>foo</tool_input>", "A:search", "foo" },
        { "xml-tool-unclosed-input", ActionFormat.Xml, "<tool>search</tool><tool_input>foo", "A:search", "foo" },
        { "xml-tool-no-input", ActionFormat.Xml, "<tool>get_time</tool>", "A:get_time", "" },
        { "xml-final", ActionFormat.Auto, "<final_answer>bar</final_answer>", "F", "bar" },
        { "xml-final-unclosed", ActionFormat.Xml, "I know.\n<final_answer>bar", "F", "bar" },
        { "xml-escaped", ActionFormat.Xml, "<tool>search</tool><tool_input>[[tool]]foo[[/tool]]</tool_input>", "A:search", "<tool>foo</tool>" },
        { "xml-partial-close-tag", ActionFormat.Xml, "<tool>search</tool><tool_input>foo</tool_in", "A:search", "foo" },
        { "json-bare-list-line-start", ActionFormat.Auto, "[{\"action\": \"a\", \"action_input\": \"x\"}]", "A:a", "x" },
        { "prose-citation-list", ActionFormat.Auto, "[1] is a source.\nFinal Answer: yes", "F", "yes" },
        { "xml-entities", ActionFormat.Xml, "<tool>&lt;tool&gt; &amp; &apos;some_tool&apos;</tool><tool_input>&lt;query&gt; with &quot;quotes&quot;</tool_input>", "A:<tool> & 'some_tool'", "<query> with \"quotes\"" },
        { "xml-final-entities", ActionFormat.Auto, "<final_answer>The answer is &gt; 42.</final_answer>", "F", "The answer is > 42." },
        { "xml-two-tool-tags", ActionFormat.Xml, "<tool>tool1</tool><tool>tool2</tool><tool_input>input</tool_input>", "E", "two <tool>" },
        { "xml-input-without-tool", ActionFormat.Xml, "<tool_input>some_input</tool_input>", "E", "without a <tool>" },
        { "mrkl-indented", ActionFormat.Auto, "I can use the `foo` tool to achieve the goal.\n    Action: foo\n    Action Input: bar", "A:foo", "bar" },
        { "mrkl-final-trailing-space", ActionFormat.Auto, "Final Answer: The best pizza to eat is margaritta ", "F", "The best pizza to eat is margaritta" },
        { "mrkl-final-before-action-indented", ActionFormat.Auto, "Final Answer: The best pizza to eat is margaritta\n\n        Action: foo\n        Action Input: bar\n        ", "F", "The best pizza to eat is margaritta" },
        { "mrkl-final-after-action", ActionFormat.Auto, "\n        Observation: I can use the `foo` tool to achieve the goal.\n        Action: foo\n        Action Input: bar\n        Final Answer: The best pizza to eat is margaritta\n        ", "E", "both an action" },
        { "mrkl-missing-input-indented", ActionFormat.Auto, "I can use the `foo` tool to achieve the goal.\n    Action: foo", "E", "missing 'Action Input:'" },
        { "redos-like", ActionFormat.Auto, "Action: " + string.Concat(Enumerable.Repeat(" \t", 1000)) + "Action ", "E", "missing 'Action Input:'" },
        { "llamaindex-multiline-json-input", ActionFormat.Auto, "Thought: I need to use a tool.\nAction: add\nAction Input: {\n    \"a\": 1,\n    \"b\": 1\n}\n", "A:add", "{\"a\":1,\"b\":1}" },
        { "llamaindex-no-thought", ActionFormat.Auto, "I need to use a tool to help me answer the question.\nAction: add\nAction Input: {\"a\": 1, \"b\": 1}\n", "A:add", "{\"a\":1,\"b\":1}" },
        { "llamaindex-action-word-in-answer", ActionFormat.Auto, "Thought: enough.\nAnswer: Answer contains Legislative Action: here is the legislative action content.\n", "F", "Answer contains Legislative Action: here is the legislative action content." },
        { "llamaindex-answer-only", ActionFormat.Auto, "Answer: 2\n", "F", "2" },
        { "llamaindex-long-thought", ActionFormat.Auto, "Thought: " + new string('x', 200_000), "E", "no complete action" },
        { "smolagents-json-text-after", ActionFormat.Auto, "{\"name\": \"search\", \"arguments\": {\"q\": \"x\"}}With text after", "A:search", "{\"q\":\"x\"}" },
        { "xml-two-tools", ActionFormat.Xml, "<tool>a</tool><tool_input>x</tool_input><tool>b</tool><tool_input>y</tool_input>", "E", "two <tool>" },
        { "xml-multiline", ActionFormat.Xml, "Let me look.\n<tool>search</tool>\n<tool_input>\nweather in SF\n</tool_input>", "A:search", "weather in SF" },
        // Bracket
        { "bracket-action", ActionFormat.Auto, "Thought 1: I need to search Apple Remote.\nAction 1: Search[Apple Remote]", "A:Search", "Apple Remote" },
        { "bracket-finish", ActionFormat.Auto, "Thought: done\nAction: Finish[1,800 to 7,000 ft]", "F", "1,800 to 7,000 ft" },
        { "bracket-bare-finish", ActionFormat.Auto, "Thought: done\nFinish[yes]", "F", "yes" },
        { "bracket-nested", ActionFormat.Bracket, "Action: Lookup[a [b] c]", "A:Lookup", "a [b] c" },
        { "bracket-bare-tool", ActionFormat.Bracket, "Search[foo]", "A:Search", "foo" },
        { "bracket-unclosed", ActionFormat.Bracket, "Action: Search[foo", "E", "not closed" },
        // Fixed formats ignore the others
        { "react-only-ignores-json", ActionFormat.React, "{\"action\": \"search\", \"action_input\": \"x\"}\nFinal Answer: no", "F", "no" },
        { "xml-only-ignores-react", ActionFormat.Xml, "Action: search\nAction Input: x\n<final_answer>y</final_answer>", "F", "y" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_Case_GivesExpected(string name, ActionFormat format, string text, string expected, string? value)
    {
        var result = ActionParser.Parse(text, new ActionParserOptions { Format = format });
        AssertResult(name, result, expected, value);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Feed_CharByChar_GivesSameResultAsWholeText(string name, ActionFormat format, string text, string expected, string? value)
    {
        _ = expected;
        _ = value;
        var options = new ActionParserOptions { Format = format };
        var whole = ActionParser.Parse(text, options);
        var parser = new ActionParser(options);
        var fed = 0;
        foreach (var c in text)
        {
            fed++;
            if (parser.Feed([c]))
            {
                break;
            }
        }

        var streamed = parser.Complete();
        if (whole.Kind == ActionParseKind.Error && streamed.Kind != ActionParseKind.Error)
        {
            // Streaming stops at the first complete action: the conflicting text after it is never generated.
            Assert.True(fed < text.Length, $"{name}: streaming accepted what the whole text rejects without stopping early");
            return;
        }

        Assert.Equal(whole.Kind, streamed.Kind);
        Assert.Equal(whole.Tool, streamed.Tool);
        Assert.Equal(whole.Arguments?.ToJsonString() ?? whole.Input, streamed.Arguments?.ToJsonString() ?? streamed.Input);
        Assert.Equal(whole.Answer, streamed.Answer);
    }

    internal static void AssertResult(string name, ActionParseResult result, string expected, string? value)
    {
        if (expected == "E")
        {
            Assert.True(result.Kind == ActionParseKind.Error, $"{name}: expected an error, got {result.Kind} {result.Tool} {result.Input}{result.Answer}");
            Assert.Contains(value!, result.Error!, StringComparison.OrdinalIgnoreCase);
        }
        else if (expected == "F")
        {
            Assert.True(result.Kind == ActionParseKind.FinalAnswer, $"{name}: expected a final answer, got {result.Kind}: {result.Error}{result.Tool}");
            Assert.Equal(value, result.Answer);
        }
        else
        {
            Assert.True(result.Kind == ActionParseKind.Action, $"{name}: expected an action, got {result.Kind}: {result.Error}{result.Answer}");
            Assert.Equal(expected[2..], result.Tool);
            Assert.Equal(value, result.Arguments?.ToJsonString() ?? result.Input);
        }
    }
}

public sealed class ActionParserChunkingTests
{
    [Theory]
    [MemberData(nameof(ActionParserTableTests.Cases), MemberType = typeof(ActionParserTableTests))]
    public void Feed_RandomChunks_GivesSameResultAsWholeText(string name, ActionFormat format, string text, string expected, string? value)
    {
        _ = expected;
        _ = value;
        var options = new ActionParserOptions { Format = format };
        var whole = ActionParser.Parse(text, options);
        var random = new Random(name.Length * 7919);
        for (var trial = 0; trial < 5; trial++)
        {
            var parser = new ActionParser(options);
            var i = 0;
            while (i < text.Length && !parser.IsComplete)
            {
                var n = Math.Min(text.Length - i, random.Next(1, 12));
                parser.Feed(text.AsSpan(i, n));
                i += n;
            }

            var streamed = parser.Complete();
            if (whole.Kind == ActionParseKind.Error && streamed.Kind != ActionParseKind.Error)
            {
                Assert.True(i < text.Length, $"{name}: streaming accepted what the whole text rejects");
                continue;
            }

            Assert.Equal(whole.Kind, streamed.Kind);
            Assert.Equal(whole.Tool, streamed.Tool);
            Assert.Equal(whole.Answer, streamed.Answer);
            Assert.Equal(whole.Arguments?.ToJsonString() ?? whole.Input, streamed.Arguments?.ToJsonString() ?? streamed.Input);
        }
    }
}
