using System.Text.RegularExpressions;
using Agents.Core.Loop;
using Agents.TestSupport;

namespace Agents.IntegrationTests.ResearchAssistant;

/// <summary>
/// The research assistant end to end with a scripted model that follows a realistic transcript, and real
/// tools, memory and HTTP underneath: the right tools run in order, memory holds the passages read, the
/// report is written inside the store, and the answer's citations point to the fetched URLs.
/// </summary>
public sealed partial class ResearchAssistantScriptedTests(ResearchWeb web) : IClassFixture<ResearchWeb>
{
    [Fact]
    public async Task ResearchAssistant_ScriptedTranscript_RunsToolsInOrderAndCitesFetchedUrls()
    {
        var model = new ScriptedChatClient(
            "Thought: I need sources about the Eiffel Tower's height.\nAction: web_search\nAction Input: {\"query\": \"Eiffel Tower height\", \"max_results\": 3}\n",
            $"Thought: The first result looks best.\nAction: fetch_page\nAction Input: {web.EiffelUrl}\n",
            $"Thought: I need the conversion factor too.\nAction: fetch_page\nAction Input: {web.MetricUrl}\n",
            "Thought: Let me recall the height.\nAction: recall\nAction Input: {\"query\": \"How tall is the Eiffel Tower in metres?\", \"top_k\": 3}\n",
            "Thought: Convert metres to feet.\nAction: calculator\nAction Input: 330 * 3.28084\n",
            "Thought: Save the report.\nAction: write_file\nAction Input: " +
                $"{{\"path\": \"eiffel.md\", \"content\": \"The Eiffel Tower is 330 m (about 1082.7 ft) tall [1][2].\\n\\n[1] {web.EiffelUrl}\\n[2] {web.MetricUrl}\\n\", \"overwrite\": false}}\n",
            $"Thought: I can answer now.\nFinal Answer: The Eiffel Tower is 330 metres tall, about 1082.7 feet [1][2].\n[1] {web.EiffelUrl}\n[2] {web.MetricUrl}\n");
        using var harness = new ResearchAssistantHarness(web, model);

        var events = await harness.RunAsync("How tall is the Eiffel Tower in feet?");

        var calls = events.OfType<ToolCallEvent>().Select(c => c.Tool).ToList();
        Assert.Equal(["web_search", "fetch_page", "fetch_page", "recall", "calculator", "write_file"], calls);
        var results = events.OfType<ToolResultEvent>().ToList();
        Assert.All(results, r => Assert.False(r.IsError, $"{r.Tool} failed: {r.Observation}"));
        Assert.Contains(web.EiffelUrl, results[0].Observation, StringComparison.Ordinal);
        Assert.Contains("330 metres", results[1].Observation, StringComparison.Ordinal);
        Assert.Contains("330 metres", results[3].Observation, StringComparison.Ordinal);
        Assert.Contains("1082.", results[4].Observation, StringComparison.Ordinal);

        var hits = await harness.Memory.SearchAsync("How tall is the Eiffel Tower?", 3, 0.0);
        Assert.Contains(hits, h => h.Entry.Text.Contains("330 metres tall", StringComparison.Ordinal));

        var stopped = Assert.IsType<StoppedEvent>(events[^1]);
        Assert.Equal(StopReason.FinalAnswer, stopped.Reason);
        var answer = events.OfType<FinalAnswerEvent>().Single().Answer;
        var fetched = events.OfType<ToolCallEvent>().Where(c => c.Tool == "fetch_page").Select(c => c.Input!.Trim()).ToHashSet();
        var cited = Citation().Matches(answer).Select(m => m.Groups[1].Value).ToHashSet();
        var listed = SourceLine().Matches(answer).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.NotEmpty(cited);
        Assert.All(cited, n => Assert.True(listed.ContainsKey(n) && fetched.Contains(listed[n]), $"citation [{n}] does not map to a fetched URL"));

        var report = await File.ReadAllTextAsync(Path.Combine(harness.ReportFolder, "eiffel.md"));
        Assert.Contains(web.EiffelUrl, report, StringComparison.Ordinal);
        Assert.Contains(web.Requests, r => r.StartsWith("/html/?q=Eiffel", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\[(\d+)\](?!\s*http)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^\[(\d+)\]\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SourceLine();
}
