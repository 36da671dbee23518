using System.CommandLine;
using Agents.Cli.Commands.Agent;
using Agents.Core.Recipes;

namespace Agents.Cli.Commands;

/// <summary><c>agents recipe check FILE</c>: validates a recipe; prints <c>FILE: ok</c>, or <c>file:line:column: problem</c> and exits 1.</summary>
internal static class RecipeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The recipe file (YAML)." };
        var check = new Command("check", "Validate a recipe: keys, types, tools, files and prompt templates.");
        check.Add(file);
        check.SetAction(async (ParseResult r, CancellationToken ct) => await CheckAsync(r.GetValue(file)!, Console.Out, Console.Error));
        var command = new Command("recipe", "Work with agent recipes.");
        command.Add(check);
        return command;
    }

    public static async Task<int> CheckAsync(string path, TextWriter output, TextWriter error)
    {
        await using var services = CliServices.Build();
        try
        {
            var recipe = AgentFactory.LoadRecipe(services, path);
            await output.WriteLineAsync($"{path}: ok ({recipe.Name}: {recipe.Tools.Count} tools, format {recipe.ActionFormat.ToString().ToLowerInvariant()})");
            return 0;
        }
        catch (RecipeException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
