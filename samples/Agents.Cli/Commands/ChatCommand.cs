using System.CommandLine;
using Agents.Cli.Commands.Engine;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands;

/// <summary><c>agents chat</c>: an interactive terminal chat with a local GGUF model.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var model = new ModelCliOptions();
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
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
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
