using System.CommandLine;
using Agents.Cli.Commands.Agent;
using Agents.Cli.Commands.Engine;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands;

/// <summary><c>agents chat</c>: an interactive terminal chat with a local GGUF model.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var model = new ModelCliOptions(modelRequired: false);
        var recipe = new Option<string?>("--recipe") { Description = "Chat with an agent recipe: any turn may call its tools; memory and the conversation persist across restarts." };
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Most tokens per answer.", DefaultValueFactory = _ => 1024 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature; 0 = greedy.", DefaultValueFactory = _ => 0.8f };
        var seed = new Option<long?>("--seed", "-s") { Description = "Sampling seed (default: random)." };
        var system = new Option<string?>("--system") { Description = "A system prompt." };

        var command = new Command("chat", "Chat with a local GGUF model in the terminal (/reset clears the history, /exit leaves, Ctrl+C stops an answer).");
        model.AddTo(command);
        command.Add(maxTokens);
        command.Add(temperature);
        command.Add(seed);
        command.Add(system);
        command.Add(recipe);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            if (r.GetValue(recipe) is { } recipePath)
            {
                return await RecipeChatSession.RunAsync(recipePath, Console.In, Console.Out, !Console.IsOutputRedirected, ct);
            }

            if (string.IsNullOrWhiteSpace(r.GetValue(model.Model)))
            {
                await Console.Error.WriteLineAsync("error: give --model PATH|REF or --recipe FILE");
                return 1;
            }

            var loaded = await ModelCliOptions.LoadAsync(model.Build(r, parallel: 1), ct);
            if (loaded is null)
            {
                return 1;
            }

            var options = new ChatOptions
            {
                MaxOutputTokens = r.GetValue(maxTokens),
                Temperature = r.GetValue(temperature),
                Seed = r.GetValue(seed),
            };
            using var client = new LocalChatClient(loaded, r.GetValue(model.Template));
            var session = new ChatSession(client, options, r.GetValue(system));
            return await session.RunAsync(Console.In, Console.Out, ct);
        });
        return command;
    }
}
