using Agents.Core.Loop;
using Agents.Core.Recipes;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.IntegrationTests.ResearchAssistant;

/// <summary>
/// Builds the research assistant exactly as the sample recipe describes it, with the real tools and the real
/// memory, pointed at the local test web: web_search at its results page, fetch_page allowed to reach
/// 127.0.0.1 (the only private host allowed), write_file rooted in a temporary folder.
/// </summary>
internal sealed class ResearchAssistantHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ResearchAssistantHarness(ResearchWeb web, IChatClient model, Func<AgentRecipe, AgentRecipe>? adjust = null)
    {
        Root = Directory.CreateTempSubdirectory("research-").FullName;
        ReportFolder = Directory.CreateDirectory(Path.Combine(Root, "reports")).FullName;
        var services = new ServiceCollection();
        services.AddStandardTools();
        services.AddMemoryTools();
        services.AddAgentMemory(o => o.StorePath = Path.Combine(Root, "memory.db"));
        services.AddSingleton<IRecipeModelResolver>(new FixedModelResolver(model));
        _services = services.BuildServiceProvider();

        var recipe = AgentFactory.LoadRecipe(_services, RecipePath);
        recipe = recipe with
        {
            Tools = recipe.Tools.Select(t => t.Name switch
            {
                "web_search" => With(t, ("base_url", web.BaseUrl + "/html/")),
                "fetch_page" => With(t, ("allowed_hosts", new List<object?> { "127.0.0.1" })),
                "write_file" => With(t, ("root", ReportFolder)),
                _ => t,
            }).ToList(),
        };
        Recipe = adjust is null ? recipe : adjust(recipe);
        Runner = AgentFactory.Create(_services, Recipe);
    }

    public static string RecipePath { get; } = FindRecipe();

    public string Root { get; }

    public string ReportFolder { get; }

    public AgentRecipe Recipe { get; }

    public AgentRunner Runner { get; }

    public Core.Memory.IAgentMemory Memory => _services.GetRequiredService<Core.Memory.IAgentMemory>();

    public async Task<List<AgentEvent>> RunAsync(string task, CancellationToken cancellationToken = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var e in Runner.RunAsync(task, cancellationToken: cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temporary folder is left for the OS to clean.
        }
    }

    private static RecipeTool With(RecipeTool tool, params (string Key, object? Value)[] values)
    {
        var settings = new Dictionary<string, object?>(tool.Settings.Values);
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return tool with { Settings = tool.Settings with { Values = settings } };
    }

    private static string FindRecipe()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "recipes", "research-assistant.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/recipes/research-assistant.yaml not found above " + AppContext.BaseDirectory);
    }

    private sealed class FixedModelResolver(IChatClient client) : IRecipeModelResolver
    {
        public IChatClient Resolve(RecipeModel model, AgentRecipe recipe) => client;
    }
}
