using Agents.Core.ChatClients;

#pragma warning disable IDE0130 // builder extensions live beside ChatClientBuilder
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds <see cref="TextToolCallingChatClient"/> to a chat client pipeline.</summary>
public static class TextToolCallingChatClientBuilderExtensions
{
    /// <summary>
    /// Adds text tool calling: tools in <see cref="ChatOptions.Tools"/> are described in the prompt and the model's text
    /// actions come back as function calls. Place it after <c>UseFunctionInvocation()</c> so the invoker is outside.
    /// </summary>
    public static ChatClientBuilder UseTextToolCalling(this ChatClientBuilder builder, TextToolCallingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TextToolCallingChatClient(inner, options));
    }
}
