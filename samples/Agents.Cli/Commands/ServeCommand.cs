using System.CommandLine;
using Agents.Cli.Commands.Serve;
using Agents.Core.Recipes;
using Agents.Memory.Embeddings;
using Agents.Models.Engine;
using Agents.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Cli.Commands;

/// <summary><c>agents serve</c>: the OpenAI-compatible API and the chat page for local models and agent recipes.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model", "-m") { Description = "A GGUF model to serve: PATH or NAME=PATH (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var recipes = new Option<string[]>("--recipe", "-r") { Description = "An agent recipe to serve at /v1/agents/NAME/runs: PATH or NAME=PATH (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default; 0.0.0.0 exposes it).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "TCP port.", DefaultValueFactory = _ => 8080 };
        var apiKey = new Option<string?>("--api-key") { Description = "Require 'Authorization: Bearer KEY' (default: AGENTS_API_KEY if set)." };
        var maxConcurrency = new Option<int>("--max-concurrency") { Description = "Requests generating at once; more get 429.", DefaultValueFactory = _ => 4 };
        var timeout = new Option<int>("--request-timeout") { Description = "Seconds one request may generate.", DefaultValueFactory = _ => 300 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body; larger get 413.", DefaultValueFactory = _ => 1024 * 1024 };
        var db = new Option<string?>("--db") { Description = "SQLite file for the page's conversations (default: agents/conversations.db in the local app data folder; ':memory:' keeps none)." };
        var contextSize = new Option<int>("--context-size", "-c") { Description = "Context tokens per conversation (0 = the model's trained size, capped by the engine).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads", "-t") { Description = "CPU threads for decoding (0 = engine default).", DefaultValueFactory = _ => 0 };
        var embeddings = new Option<bool>("--embeddings") { Description = "Also serve all-MiniLM-L6-v2 (offline, 384 dimensions) at /v1/embeddings as 'all-minilm-l6-v2'." };

        var command = new Command("serve", "Serve local models and agents over an OpenAI-compatible HTTP API with a chat page at /.");
        foreach (var option in new Option[] { models, recipes, host, port, apiKey, maxConcurrency, timeout, maxBody, db, contextSize, threads, embeddings })
        {
            command.Add(option);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            AgentsServerOptions options;
            List<ServeModelSpec> modelSpecs;
            List<ServeModelSpec> recipeSpecs;
            try
            {
                modelSpecs = (r.GetValue(models) ?? []).Select(v => ServeModelSpec.Parse(v, "--model")).ToList();
                recipeSpecs = (r.GetValue(recipes) ?? []).Select(v => ServeModelSpec.Parse(v, "--recipe")).ToList();
                if (modelSpecs.Count == 0 && recipeSpecs.Count == 0)
                {
                    throw new ArgumentException("Name at least one --model or --recipe.");
                }

                var dbPath = r.GetValue(db);
                options = new AgentsServerOptions
                {
                    Host = r.GetValue(host)!,
                    Port = r.GetValue(port),
                    ApiKey = r.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("AGENTS_API_KEY"),
                    MaxConcurrency = r.GetValue(maxConcurrency),
                    RequestTimeout = TimeSpan.FromSeconds(r.GetValue(timeout)),
                    MaxRequestBodyBytes = r.GetValue(maxBody),
                    ConversationDatabasePath = dbPath == ":memory:" ? null
                        : dbPath ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "agents", "conversations.db"),
                };
                options.Validate();
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync("agents serve: " + ex.Message);
                return 2;
            }

            LocalModelOptions Local(string path) => new()
            {
                ModelPath = path,
                ContextSize = r.GetValue(contextSize),
                Threads = r.GetValue(threads),
                MaxParallelConversations = options.MaxConcurrency,
            };

            var builder = AgentsServer.CreateBuilder(options);
            foreach (var spec in modelSpecs)
            {
                builder.Services.AddLocalModel(spec.Name, o =>
                {
                    var local = Local(spec.Path);
                    o.ModelPath = local.ModelPath;
                    o.ContextSize = local.ContextSize;
                    o.Threads = local.Threads;
                    o.MaxParallelConversations = local.MaxParallelConversations;
                }).Use(inner => new RawPromptChatClient(inner));
                builder.Services.AddServedModelName(spec.Name, ServedModelKind.Chat, Path.GetFileName(spec.Path));
            }

            if (recipeSpecs.Count > 0)
            {
                builder.Services.AddStandardTools();
                builder.Services.AddSingleton<IRecipeModelResolver>(new Agent.RecipeModelResolver(Local));
                foreach (var spec in recipeSpecs)
                {
                    builder.Services.AddAgent(spec.Name, spec.Path);
                    builder.Services.AddServedModelName(spec.Name, ServedModelKind.Agent, Path.GetFileName(spec.Path));
                }
            }

            if (r.GetValue(embeddings))
            {
                builder.Services.AddServedEmbeddingModel("all-minilm-l6-v2", _ => new MiniLmEmbeddingGenerator());
            }

            await using var app = AgentsServer.Build(builder);
            try
            {
                foreach (var spec in recipeSpecs)
                {
                    app.Services.GetRequiredKeyedService<Agents.Core.Loop.AgentRunner>(spec.Name); // recipe errors now, not at the first request
                }
            }
            catch (Exception ex) when (ex is RecipeException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("agents serve: " + ex.Message);
                return 2;
            }

            await app.StartAsync(ct);
            var address = AgentsServer.GetAddress(app);
            Console.WriteLine($"agents serve: listening on {address} (page at {address}, API at {address}v1); Ctrl+C stops.");
            if (options.ApiKey is null && options.Host is not ("127.0.0.1" or "localhost" or "::1"))
            {
                await Console.Error.WriteLineAsync("agents serve: warning: bound beyond loopback without --api-key.");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }

            using var stop = new CancellationTokenSource(options.ShutdownTimeout);
            await app.StopAsync(stop.Token);
            return 0;
        });
        return command;
    }
}
