using System.ComponentModel;
using Agents.Core.Loop;
using Agents.Core.Memory;
using Agents.Core.Recipes;
using Agents.Core.Tools;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Agents.Core.Tests.Recipes;

public sealed class AddAgentTests
{
    private sealed class ScriptedResolver(ScriptedChatClient client) : IRecipeModelResolver
    {
        public List<RecipeModel> Seen { get; } = [];

        public IChatClient Resolve(RecipeModel model, AgentRecipe recipe)
        {
            Seen.Add(model);
            return client;
        }
    }

    private sealed class ShoutFactory : IAgentToolFactory
    {
        public string Name => "shout";

        public AIFunction Create(ToolSettings settings, IServiceProvider services)
        {
            var suffix = settings.GetString("suffix", "!");
            return AIFunctionFactory.Create((string text) => text.ToUpperInvariant() + suffix, "shout", "Shouts.");
        }
    }

    public sealed class Greeter
    {
        [KernelFunction("greet"), Description("Greets someone.")]
        public static string Greet(string name) => $"Hello, {name}";
    }

    [Fact]
    public async Task AddAgent_RecipeFile_RunsWithFactoryToolKernelPluginAndMemory()
    {
        var dir = Directory.CreateTempSubdirectory("agent");
        var path = Path.Combine(dir.FullName, "a.yaml");
        File.WriteAllText(path, """
            name: helper
            model: { ref: tiny }
            tools:
              - shout: { suffix: "!!" }
              - greet
            memory: { store: notes, top_k: 2, min_score: 0.1 }
            """);
        var model = new ScriptedChatClient("Action: shout\nAction Input: hi\n", "Action: greet\nAction Input: Ann\n", "Final Answer: done");
        var resolver = new ScriptedResolver(model);
        var memory = new InMemoryAgentMemory();
        var services = new ServiceCollection()
            .AddSingleton<IRecipeModelResolver>(resolver)
            .AddSingleton<IAgentToolFactory, ShoutFactory>()
            .AddSingleton(KernelPluginFactory.CreateFromType<Greeter>("greeter"))
            .AddKeyedSingleton<IAgentMemory>("notes", memory)
            .AddAgent("helper", path)
            .BuildServiceProvider();

        var runner = services.GetRequiredKeyedService<AgentRunner>("helper");
        var events = new List<AgentEvent>();
        await foreach (var e in runner.RunAsync("shout then greet"))
        {
            events.Add(e);
        }

        Assert.Equal(["HI!!", "Hello, Ann"], events.OfType<ToolResultEvent>().Select(r => r.Observation));
        Assert.Equal("tiny", Assert.Single(resolver.Seen).Ref);
        Assert.Equal(3, memory.Entries.Count);
        Assert.Equal(StopReason.FinalAnswer, events.OfType<StoppedEvent>().Single().Reason);
        dir.Delete(true);
    }

    [Fact]
    public void AddAgent_UnknownToolInRecipe_FailsOnResolveWithPosition()
    {
        var dir = Directory.CreateTempSubdirectory("agent");
        var path = Path.Combine(dir.FullName, "a.yaml");
        File.WriteAllText(path, "name: x\nmodel: { ref: tiny }\ntools:\n  - nothing\n");
        var services = new ServiceCollection()
            .AddSingleton<IRecipeModelResolver>(new ScriptedResolver(new ScriptedChatClient()))
            .AddAgent("x", path)
            .BuildServiceProvider();

        var ex = Assert.Throws<RecipeException>(() => services.GetRequiredKeyedService<AgentRunner>("x"));
        Assert.Equal((4, 5), (ex.Line, ex.Column));
        dir.Delete(true);
    }

    [Fact]
    public void AddAgent_DoesNotResolveModelAtRegistration()
    {
        var resolver = new ScriptedResolver(new ScriptedChatClient());
        var services = new ServiceCollection().AddSingleton<IRecipeModelResolver>(resolver)
            .AddAgent("y", new AgentRecipe { Name = "y", Model = new RecipeModel { Ref = "r" } })
            .BuildServiceProvider();

        Assert.Empty(resolver.Seen);
        _ = services.GetRequiredKeyedService<AgentRunner>("y");
        Assert.Single(resolver.Seen);
    }
}
