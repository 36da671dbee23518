using Agents.Core.Actions;
using Agents.Core.Loop;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Agents.Benchmarks.Core;

/// <summary>Parser cost per reply (divide by <see cref="Tokens"/> for per-token cost) and runner cost per run of <see cref="Steps"/> steps.</summary>
[MemoryDiagnoser]
public class AgentLoopBenchmarks
{
    public const int Steps = 10;
    private readonly string[] _react = Replies.Tokens(Replies.React);
    private readonly string[] _json = Replies.Tokens(Replies.Json);
    private AgentRunner _runner = null!;

    public int Tokens => _react.Length;

    [GlobalSetup]
    public void Setup()
    {
        var tool = AIFunctionFactory.Create((string expression) => "395", "calculator", "Calculates.");
        var model = new InstantChatClient(Replies.Tokens("Thought: compute.\nAction: calculator\nAction Input: (17 * 23) + 4\n"), Replies.Tokens("Thought: done.\nFinal Answer: 395"), Steps);
        _runner = new AgentRunner(model, new AgentDefinition { Tools = [tool], Limits = new AgentLimits { MaxSteps = Steps + 1 } });
    }

    /// <summary>Reference: copying the same chunks into a buffer (what any consumer of the stream pays).</summary>
    [Benchmark(Baseline = true)]
    public int CopyReactChunks()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var t in _react)
        {
            sb.Append(t);
        }

        return sb.Length;
    }

    [Benchmark]
    public bool ParseReactReply() => Feed(_react, ActionFormat.Auto);

    [Benchmark]
    public bool ParseJsonReply() => Feed(_json, ActionFormat.Auto);

    [Benchmark]
    public async Task<int> RunTenSteps()
    {
        var n = 0;
        await foreach (var e in _runner.RunAsync("What is 17 * 23 + 4?"))
        {
            n++;
        }

        return n;
    }

    private static bool Feed(string[] tokens, ActionFormat format)
    {
        var parser = new ActionParser(new ActionParserOptions { Format = format });
        foreach (var t in tokens)
        {
            if (parser.Feed(t))
            {
                return true;
            }
        }

        return parser.Complete().Kind == ActionParseKind.Action;
    }
}
