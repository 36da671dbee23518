using Agents.Core.Recipes;
using Agents.Models.Engine;
using Agents.Models.Remote;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands.Serve;

/// <summary>Turns a recipe's model into a chat client for <c>agents serve</c>: a GGUF path (relative to the recipe)
/// runs locally with the serve command's engine settings; an endpoint runs remotely (key from <c>api_key_env</c>).</summary>
internal sealed class ServeRecipeModelResolver(Func<string, LocalModelOptions> localOptions) : IRecipeModelResolver
{
    public IChatClient Resolve(RecipeModel model, AgentRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recipe);
        if (model.Path is { Length: > 0 } path)
        {
            return new LocalChatClient(localOptions(Path.GetFullPath(Path.Combine(recipe.BaseDirectory, path))));
        }

        if (model.Endpoint is { } endpoint)
        {
            var key = model.ApiKeyEnv is { Length: > 0 } env ? Environment.GetEnvironmentVariable(env) : null;
            return RemoteChatClient.Create(endpoint, model.Id ?? "default", key);
        }

        throw new RecipeException(recipe.SourcePath ?? recipe.Name, 1, 1, "agents serve runs recipes whose model is a GGUF 'path' or a remote 'endpoint'; pull a 'ref' first and name its path.");
    }
}
