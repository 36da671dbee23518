using Agents.Core.ChatClients;
using Agents.TestSupport;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.ChatClients;

public sealed class TextToolCallingChatClientTests
{
    private static AIFunction Weather(List<string> calls) =>
        AIFunctionFactory.Create((string city) => { calls.Add(city); return $"Sunny in {city}"; }, "get_weather", "Gets the weather of a city.");

    [Fact]
    public async Task ChatClientAgent_TextAction_RunsToolAndAnswers()
    {
        var calls = new List<string>();
        var model = new ScriptedChatClient(
            "Thought: I need the weather.\nAction: get_weather\nAction Input: Paris\nObservation: (made up)",
            "Thought: I know.\nFinal Answer: It is sunny in Paris.");
        var client = model.AsBuilder().UseTextToolCalling().Build();
        var agent = new ChatClientAgent(client, instructions: "You answer weather questions.", name: "weather", tools: [Weather(calls)]);

        var response = await agent.RunAsync("What is the weather in Paris?");

        Assert.Equal(["Paris"], calls);
        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal("Thought: I need the weather.\nAction: get_weather\nAction Input: Paris\n".Length, model.ChunksProduced[0]);
        var system = model.Calls[0][0];
        Assert.Equal(ChatRole.System, system.Role);
        Assert.Contains("You answer weather questions.", system.Text, StringComparison.Ordinal);
        Assert.Contains("get_weather: Gets the weather of a city.", system.Text, StringComparison.Ordinal);
        Assert.Null(model.OptionsSeen[0]!.Tools);
        Assert.Equal("Observation: Sunny in Paris", model.Calls[1][^1].Text);
        Assert.Equal(ChatRole.User, model.Calls[1][^1].Role);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_JsonAction_RunsTool()
    {
        var calls = new List<string>();
        var model = new ScriptedChatClient("```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n```", "Final Answer: cold");
        var client = model.AsBuilder().UseFunctionInvocation().UseTextToolCalling(new TextToolCallingOptions { Format = Agents.Core.Actions.ActionFormat.Json }).Build();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [Weather(calls)] });

        Assert.Equal(["Oslo"], calls);
        Assert.Equal("cold", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NoTools_PassesThrough()
    {
        var model = new ScriptedChatClient("Hello there");
        var client = model.AsBuilder().UseTextToolCalling().Build();

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("Hello there", response.Text);
        Assert.Single(model.Calls[0]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Action_EndsWithFunctionCall()
    {
        var model = new ScriptedChatClient("Action: get_weather\nAction Input: Rome\nmore");
        var client = new TextToolCallingChatClient(model);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Rome?")], new ChatOptions { Tools = [Weather([])] }))
        {
            updates.Add(u);
        }

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Rome", call.Arguments!["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }
}
