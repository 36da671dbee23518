using Agents.Core.Recipes;
using Agents.Core.Tools;
using Agents.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Cli.Commands.Tools;

/// <summary>Finds the tool (standard factories, settings from a recipe when given) and runs it on JSON lines.</summary>
internal static class ToolRunner
{
    public static async Task<int> RunAsync(string name, string? jsonArgs, string? recipePath, TextReader input, TextWriter output, CancellationToken ct)
    {
        using var services = new ServiceCollection().AddStandardTools().BuildServiceProvider();
        AIFunction tool;
        try
        {
            tool = CreateTool(services, name, recipePath);
        }
        catch (Exception e) when (e is RecipeException or ArgumentException or IOException or UnauthorizedAccessException or FormatException or InvalidCastException)
        {
            await output.WriteLineAsync(ToolJsonInvoker.Error(e.Message));
            return 1;
        }

        try
        {
            if (jsonArgs is not null)
            {
                var (ok, line) = await ToolJsonInvoker.InvokeAsync(tool, jsonArgs, ct);
                await output.WriteLineAsync(line);
                return ok ? 0 : 1;
            }

            while (await input.ReadLineAsync(ct) is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var (_, line) = await ToolJsonInvoker.InvokeAsync(tool, text, ct);
                await output.WriteLineAsync(line);
                await output.FlushAsync(ct);
            }

            return 0;
        }
        finally
        {
            (tool as IDisposable)?.Dispose();
        }
    }

    private static AIFunction CreateTool(IServiceProvider services, string name, string? recipePath)
    {
        var factories = services.GetServices<IAgentToolFactory>().ToList();
        var factory = factories.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown tool '{name}'; known tools: {string.Join(", ", factories.Select(f => f.Name))}.");
        var settings = ToolSettings.Empty;
        if (recipePath is not null)
        {
            // Tool names are not checked against this process's registrations: a recipe may also list memory or plugin tools.
            var recipe = RecipeLoader.Load(recipePath);
            settings = recipe.Tools.FirstOrDefault(t => string.Equals(t.Name, factory.Name, StringComparison.OrdinalIgnoreCase))?.Settings
                ?? throw new ArgumentException($"the recipe '{recipePath}' does not list the tool '{factory.Name}'.");
        }

        return factory.Create(settings, services);
    }
}
