using System.CommandLine;
using Agents.Cli.Commands.Agent;
using Agents.Core.Loop;
using Agents.Core.Recipes;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents run RECIPE "task" [--transcript FILE]</c>: runs an agent and streams its steps (model text dimmed on a
/// terminal, tool calls and results, the answer), ending with the stop reason. Exit 0 on a final answer, 3 when a
/// limit stopped the run, 1 when the recipe or the model could not be loaded.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "The recipe file (YAML)." };
        var task = new Argument<string>("task") { Description = "The task for the agent." };
        var transcript = new Option<string?>("--transcript", "-t") { Description = "A JSON transcript file: continued when it exists, saved after the run (a conversation across runs)." };
        var command = new Command("run", "Run an agent recipe on a task and stream its steps.");
        command.Add(recipe);
        command.Add(task);
        command.Add(transcript);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
            await RunAsync(r.GetValue(recipe)!, r.GetValue(task)!, r.GetValue(transcript), Console.Out, Console.Error, !Console.IsOutputRedirected, ct));
        return command;
    }

    public static async Task<int> RunAsync(string recipePath, string task, string? transcriptPath, TextWriter output, TextWriter error, bool color, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build();
        AgentRunner runner;
        try
        {
            runner = AgentFactory.Create(services, AgentFactory.LoadRecipe(services, recipePath));
        }
        catch (Exception ex) when (ex is RecipeException or InvalidOperationException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        var transcript = transcriptPath is not null && File.Exists(transcriptPath)
            ? AgentTranscript.FromJson(await File.ReadAllTextAsync(transcriptPath, cancellationToken))
            : new AgentTranscript();
        var printer = new EventPrinter(output, color);
        StopReason? reason = null;
        try
        {
            await foreach (var e in runner.RunAsync(task, transcript, cancellationToken))
            {
                printer.Print(e);
                reason = (e as StoppedEvent)?.Reason ?? reason;
            }
        }
        catch (Agents.Models.Engine.ModelLoadException ex)
        {
            await error.WriteLineAsync($"error: {ex.Path}: {ex.Reason}");
            return 1;
        }
        catch (Exception ex) when (ex is Agents.Models.Store.ModelDownloadException or Agents.Models.Store.InvalidModelReferenceException or Agents.Models.Engine.ContextOverflowException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        if (transcriptPath is not null)
        {
            await File.WriteAllTextAsync(transcriptPath, transcript.ToJson(), cancellationToken);
        }

        return reason == StopReason.FinalAnswer ? 0 : 3;
    }
}
