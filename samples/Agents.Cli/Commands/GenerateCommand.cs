using System.CommandLine;
using System.Text.Json;
using Agents.Cli.Commands.Engine;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands;

/// <summary><c>agents generate</c>: one completion from a local GGUF model, streamed to stdout.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new ModelCliOptions();
        var prompt = new Option<string>("--prompt", "-p") { Description = "The prompt (used as is unless --template is given).", Required = true };
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Most tokens to generate.", DefaultValueFactory = _ => 256 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature; 0 = greedy.", DefaultValueFactory = _ => 0.8f };
        var seed = new Option<long?>("--seed", "-s") { Description = "Sampling seed (default: random)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the text, token counts, finish reason and speeds at the end." };

        var command = new Command("generate", "Generate text from a local GGUF model.");
        model.AddTo(command);
        command.Add(prompt);
        command.Add(maxTokens);
        command.Add(temperature);
        command.Add(seed);
        command.Add(json);
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
            var template = r.GetValue(model.Template);
            var text = r.GetValue(prompt)!;
            var stream = template is null
                ? loaded.GenerateStreamingAsync(text, options, ct)
                : new LocalChatClient(loaded, template).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, text)], options, ct);
            return await GenerationPrinter.RunAsync(stream, r.GetValue(json), ct);
        });
        return command;
    }
}
