using System.CommandLine;
using System.Text.Json;
using Agents.Cli.Commands.Engine;
using Agents.Models.Engine;
using Agents.Models.Grammars;
using Agents.Models.Remote;
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
        var grammar = new Option<string?>("--grammar") { Description = "A GBNF grammar file that constrains the output (validated first; errors name file:line:column)." };
        var jsonSchema = new Option<string?>("--json-schema") { Description = "A JSON Schema file; the output is forced to be JSON valid against it." };
        var endpoint = new Option<Uri[]>("--endpoint") { Description = "An OpenAI-compatible base URL (repeat for round-robin with failover); --model is then the remote model's name. Key from AGENTS_ENDPOINT_KEY." };

        var command = new Command("generate", "Generate text from a local GGUF model.");
        model.AddTo(command);
        command.Add(prompt);
        command.Add(maxTokens);
        command.Add(temperature);
        command.Add(seed);
        command.Add(json);
        command.Add(grammar);
        command.Add(jsonSchema);
        command.Add(endpoint);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new ChatOptions
            {
                MaxOutputTokens = r.GetValue(maxTokens),
                Temperature = r.GetValue(temperature),
                Seed = r.GetValue(seed),
            };
            if (!TryAddGrammar(options, r.GetValue(grammar), r.GetValue(jsonSchema)))
            {
                return 1;
            }

            if (r.GetValue(endpoint) is { Length: > 0 } endpoints)
            {
                using var remote = RemoteModels.CreateChatClient(endpoints, r.GetValue(model.Model)!, Environment.GetEnvironmentVariable("AGENTS_ENDPOINT_KEY"));
                return await GenerationPrinter.RunAsync(remote.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, r.GetValue(prompt)!)], options, ct), r.GetValue(json), ct);
            }

            var loaded = await ModelCliOptions.LoadAsync(model.Build(r, parallel: 1), ct);
            if (loaded is null)
            {
                return 1;
            }

            var template = r.GetValue(model.Template);
            var text = r.GetValue(prompt)!;
            var stream = template is null
                ? loaded.GenerateStreamingAsync(text, options, ct)
                : new LocalChatClient(loaded, template).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, text)], options, ct);
            return await GenerationPrinter.RunAsync(stream, r.GetValue(json), ct);
        });
        return command;
    }

    private static bool TryAddGrammar(ChatOptions options, string? gbnfPath, string? schemaPath)
    {
        if (gbnfPath is not null && schemaPath is not null)
        {
            Console.Error.WriteLine("error: give --grammar or --json-schema, not both");
            return false;
        }

        try
        {
            var gbnf = gbnfPath is not null ? GrammarFiles.LoadGbnf(gbnfPath) : schemaPath is not null ? GrammarFiles.LoadJsonSchemaAsGbnf(schemaPath) : null;
            if (gbnf is not null)
            {
                (options.AdditionalProperties ??= [])["grammar"] = gbnf;
            }

            return true;
        }
        catch (Exception ex) when (ex is GrammarException or JsonSchemaGrammarException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return false;
        }
    }
}
