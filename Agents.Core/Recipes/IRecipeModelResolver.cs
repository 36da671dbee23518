using Microsoft.Extensions.AI;

namespace Agents.Core.Recipes;

/// <summary>Turns a recipe's model section into a chat client (a local GGUF engine, a model-store reference, or a remote endpoint).
/// Register one in DI; <c>AddAgent</c> uses it. It should not load weights eagerly if it can defer to the first call.</summary>
public interface IRecipeModelResolver
{
    /// <summary>Returns the chat client for <paramref name="model"/>; <paramref name="recipe"/> gives the context (name, folder).</summary>
    IChatClient Resolve(RecipeModel model, AgentRecipe recipe);
}
