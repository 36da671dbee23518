using Agents.Core.Loop;
using Agents.Core.Recipes;

namespace Agents.Cli.Commands.Agent;

/// <summary>
/// <c>agents chat --recipe FILE</c>: a multi-turn conversation with an agent. Any turn may run the recipe's tools;
/// the transcript is saved after every turn (beside the memory file, one per recipe name) and reloaded at start,
/// and the memory is the CLI's SQLite memory, so both survive restarts. /reset forgets the conversation (not the
/// memory), /exit leaves, Ctrl+C stops the current turn.
/// </summary>
internal static class RecipeChatSession
{
    public static async Task<int> RunAsync(string recipePath, TextReader input, TextWriter output, bool color, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build();
        AgentRunner runner;
        try
        {
            runner = AgentFactory.Create(services, AgentFactory.LoadRecipe(services, recipePath));
        }
        catch (Exception ex) when (ex is RecipeException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        var transcriptPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(CliServices.MemoryStorePath()))!, "conversations", SafeName(runner.Definition.Name) + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(transcriptPath)!);
        var transcript = File.Exists(transcriptPath) ? AgentTranscript.FromJson(await File.ReadAllTextAsync(transcriptPath, cancellationToken)) : new AgentTranscript();
        var printer = new EventPrinter(output, color);
        CancellationTokenSource? turn = null;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (turn is { IsCancellationRequested: false })
            {
                e.Cancel = true;
                turn.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await output.WriteLineAsync($"Chatting with '{runner.Definition.Name}' ({transcript.Steps.Count} earlier steps). /reset forgets the conversation, /exit leaves, Ctrl+C stops a turn.");
            while (!cancellationToken.IsCancellationRequested)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
                var line = (await input.ReadLineAsync(cancellationToken))?.Trim();
                if (line is null || line == "/exit")
                {
                    return 0;
                }

                if (line == "/reset")
                {
                    transcript = new AgentTranscript();
                    File.Delete(transcriptPath);
                    await output.WriteLineAsync("(conversation cleared; memory kept)");
                    continue;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                using (turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    try
                    {
                        await foreach (var e in runner.RunAsync(line, transcript, turn.Token))
                        {
                            printer.Print(e);
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await output.WriteLineAsync(" [stopped]");
                    }
                }

                turn = null;
                await File.WriteAllTextAsync(transcriptPath, transcript.ToJson(), cancellationToken);
            }

            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
