namespace Agents.Models.Templates;

/// <summary>Chooses the chat template for a model: an explicit name, else the GGUF's own template, else plain text.</summary>
public static class ChatTemplateResolver
{
    /// <summary>
    /// Resolves the template: <paramref name="templateName"/> wins when given; otherwise the family is detected from
    /// the GGUF's Jinja text (<c>tokenizer.chat_template</c>); otherwise the plain fallback (<see cref="ChatTemplates.Plain"/>).
    /// </summary>
    /// <param name="templateName">A name or alias from <see cref="ChatTemplates.Names"/>, or null/empty.</param>
    /// <param name="ggufChatTemplate">The model's <c>tokenizer.chat_template</c> metadata, or null.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IChatTemplate Resolve(string? templateName, string? ggufChatTemplate)
    {
        if (!string.IsNullOrWhiteSpace(templateName))
        {
            return ChatTemplates.Get(templateName);
        }

        if (!string.IsNullOrWhiteSpace(ggufChatTemplate) && ChatTemplateDetector.Detect(ggufChatTemplate) is { } detected)
        {
            return ChatTemplates.Get(detected);
        }

        return ChatTemplates.Plain;
    }
}
