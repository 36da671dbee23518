// The research assistant built in code: the same agent as samples/recipes/research-assistant.yaml, composed
// through dependency injection. Usage: dotnet run --project samples/ResearchAssistant -- "your question" [model.gguf]
using Agents.Core.Actions;
using Agents.Core.Loop;
using Agents.Core.Memory;
using Agents.Core.Recipes;
using Agents.Core.Tools;
using Agents.Models.Engine;
using Agents.Models.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var question = args.Length > 0 ? args[0] : "How tall is the Eiffel Tower in feet?";
using var store = new ModelStore(new ModelStoreOptions());
var modelPath = await new ModelResolver(store).ResolveAsync(args.Length > 1 ? args[1] : DefaultModels.Instruct);

var services = new ServiceCollection();
services.AddLocalModel("local", o => o.ModelPath = modelPath);             // loads on first use
services.AddStandardTools();                                               // calculator, files, web
services.AddMemoryTools();                                                 // remember, recall
services.AddAgentMemory(o => o.StorePath = "research-memory.db");          // MiniLM embeddings + SQLite
await using var provider = services.BuildServiceProvider();

ToolSettings Settings(params (string Key, object? Value)[] values) =>
    new(values.ToDictionary(v => v.Key, v => v.Value), Directory.GetCurrentDirectory());
var factories = provider.GetServices<IAgentToolFactory>().ToDictionary(f => f.Name);
AIFunction Tool(string name, ToolSettings? settings = null) => factories[name].Create(settings ?? ToolSettings.Empty, provider);
Directory.CreateDirectory("reports");

var agent = new AgentRunner(
    provider.GetRequiredKeyedService<IChatClient>("local"),
    new AgentDefinition
    {
        Name = "research-assistant",
        Instructions = "Answer from sources you read: web_search, then fetch_page on the best results, recall what you read, " +
                       "calculator for arithmetic, write_file for the report. Cite sources as [1] and list them as '[1] URL'.",
        Tools = [Tool("web_search"), Tool("fetch_page"), Tool("recall"), Tool("calculator"), Tool("write_file", Settings(("root", "reports")))],
        Format = ActionFormat.React,
        UseGrammar = true,
        MemoryTopK = 4,
        MemoryMinScore = 0.25,
        Limits = new AgentLimits { MaxSteps = 12, MaxToolCalls = 10, MaxTime = TimeSpan.FromMinutes(10) },
    },
    provider.GetRequiredService<IAgentMemory>());

await foreach (var e in agent.RunAsync(question))
{
    var line = e switch
    {
        ToolCallEvent c => $"-> {c.Tool}({c.Input})",
        ToolResultEvent r => $"<- {r.Observation[..Math.Min(200, r.Observation.Length)]}",
        FinalAnswerEvent f => $"\n{f.Answer}",
        StoppedEvent s => $"[{s.Reason}] {s.Message}",
        _ => null,
    };
    if (line is not null)
    {
        Console.WriteLine(line);
    }
}
