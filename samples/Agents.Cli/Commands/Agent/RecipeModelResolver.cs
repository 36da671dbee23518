using Agents.Cli.Commands.Store;
using Agents.Core.Recipes;
using Agents.Models.Engine;
using Agents.Models.Remote;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands.Agent;

/// <summary>
/// Turns a recipe's model into a chat client for the CLI: a GGUF <c>path</c> runs on the local engine; a <c>ref</c>
/// is pulled into the model cache on first use (progress bar on stderr) and then runs locally; an <c>endpoint</c>
/// runs on a remote OpenAI-compatible server (key from the variable named by <c>api_key_env</c>).
/// <paramref name="localOptions"/> gives the engine settings for a local file (<c>agents serve</c> passes its own);
/// by default one conversation at a time, dropping the oldest turns when the context is full.
/// </summary>
internal sealed class RecipeModelResolver(Func<string, LocalModelOptions>? localOptions = null) : IRecipeModelResolver
{
    private static LocalModelOptions CliDefaults(string path) =>
        new() { ModelPath = path, ContextOverflow = ContextOverflowPolicy.DropOldestTurns, MaxParallelConversations = 1 };

    public IChatClient Resolve(RecipeModel model, AgentRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recipe);
        if (model.Endpoint is { } endpoint)
        {
            var key = model.ApiKeyEnv is { Length: > 0 } env ? Environment.GetEnvironmentVariable(env) : null;
            return RemoteModels.CreateChatClient([endpoint], model.Id ?? "default", key);
        }

        var source = model.Path ?? model.Ref
            ?? throw new RecipeException(recipe.SourcePath ?? recipe.Name, 1, 1, "the recipe's model has no path, ref or endpoint");
        return new DeferredLocalChatClient(source, model, localOptions ?? CliDefaults);
    }

    /// <summary>Locates (pulls) and loads the model on the first request, not when the agent is built.</summary>
    private sealed class DeferredLocalChatClient(string source, RecipeModel model, Func<string, LocalModelOptions> localOptions) : IChatClient
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private LocalChatClient? _client;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            await (await GetClientAsync(cancellationToken).ConfigureAwait(false)).GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var client = await GetClientAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : _client?.GetService(serviceType, serviceKey);

        public void Dispose()
        {
            _client?.Dispose();
            _gate.Dispose();
        }

        private async Task<LocalChatClient> GetClientAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_client is null)
                {
                    var path = await ModelLocator.LocateAsync(source, cancellationToken).ConfigureAwait(false);
                    var options = localOptions(path);
                    options.ChatTemplate = model.Template;
                    foreach (var lora in model.Lora)
                    {
                        options.LoraAdapters.Add(new LoraAdapterOptions(lora));
                    }

                    var loaded = await LocalModel.LoadAsync(options, null, cancellationToken).ConfigureAwait(false);
                    await Console.Error.WriteLineAsync(Engine.ModelCliOptions.Describe(loaded)).ConfigureAwait(false);
                    _client = new LocalChatClient(loaded, model.Template);
                }

                return _client;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
