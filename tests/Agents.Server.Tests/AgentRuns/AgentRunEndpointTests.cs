using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Agents.Core.Loop;
using Agents.Server.Tests.Support;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.Tests.AgentRuns;

/// <summary>POST /v1/agents/{recipe}/runs streams the real AgentRunner's events over SSE.</summary>
public sealed class AgentRunEndpointTests
{
    internal static AIFunction Echo() => AIFunctionFactory.Create((string text) => text.ToUpperInvariant(), "echo", "Repeats the text in capitals.");

    internal static Task<RunningServer> StartAsync(ScriptedChatClient model) => RunningServer.StartAsync(services =>
    {
        services.AddServedChatModel("fake", _ => new FakeChatClient());
        services.AddServedAgent("shouter", _ => new AgentRunner(model, new AgentDefinition { Name = "shouter", Tools = [Echo()] }), "shouts back");
    });

    [Fact]
    public async Task Run_StreamsThoughtToolCallResultFinalAnswerAndDone()
    {
        var model = new ScriptedChatClient("Thought: I should shout.\nAction: echo\nAction Input: hello\n", "Thought: done\nFinal Answer: HELLO");
        await using var server = await StartAsync(model);
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("/v1/agents/shouter/runs", new { task = "shout hello" });
        var events = await Sse.ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        var parsed = events.SkipLast(1).Select(Sse.Json).ToList();
        var types = parsed.Select(e => e.GetProperty("type").GetString()).Where(t => t != "text").ToList();
        Assert.Equal(["thought", "tool_call", "tool_result", "thought", "final_answer", "stopped"], types);
        Assert.Equal("echo", parsed.First(e => e.GetProperty("type").GetString() == "tool_call").GetProperty("tool").GetString());
        Assert.Equal("HELLO", parsed.First(e => e.GetProperty("type").GetString() == "tool_result").GetProperty("text").GetString());
        Assert.Equal("HELLO", parsed.First(e => e.GetProperty("type").GetString() == "final_answer").GetProperty("text").GetString());
        Assert.Equal("final_answer", parsed[^1].GetProperty("reason").GetString());
        Assert.Contains(parsed, e => e.GetProperty("type").GetString() == "text");
        var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement.GetProperty("data");
        Assert.Contains(models.EnumerateArray(), m => m.GetProperty("id").GetString() == "shouter" && m.GetProperty("agents_kind").GetString() == "agent");
    }

    [Theory]
    [InlineData("shouter", """{"task":""}""", "missing_required_parameter")]
    [InlineData("nobody", """{"task":"x"}""", "model_not_found")]
    [InlineData("fake", """{"task":"x"}""", "model_not_found")]
    public async Task Run_BadRequest_Returns400(string recipe, string body, string code)
    {
        await using var server = await StartAsync(new ScriptedChatClient("Final Answer: x"));
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsync($"/v1/agents/{recipe}/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
