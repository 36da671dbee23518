namespace Agents.Server.OpenAI;

/// <summary>Maps exceptions from a model engine to OpenAI errors without depending on the engine's assembly.</summary>
public static class EngineErrors
{
    /// <summary>
    /// A 400 for what the request asked wrongly: <c>context_length_exceeded</c> for a context overflow,
    /// <c>invalid_grammar</c> for a grammar the model cannot follow, <c>invalid_value</c> for an argument error; otherwise null.
    /// </summary>
    public static OpenAIRequestException? TryMap(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is OpenAIRequestException known)
            {
                return known;
            }

            if (ex.GetType().Name.Contains("ContextOverflow", StringComparison.Ordinal))
            {
                return new OpenAIRequestException(400, ex.Message, "invalid_request_error", "context_length_exceeded", "messages");
            }

            if (ex.GetType().Name == "GrammarException")
            {
                // The grammar built from the request's response_format cannot be used with this model: an invalid
                // grammar, or one that asks for text the model's vocabulary cannot spell.
                return new OpenAIRequestException(400, ex.Message, "invalid_request_error", "invalid_grammar", "response_format");
            }

            if (ex is ArgumentException or NotSupportedException)
            {
                return new OpenAIRequestException(400, ex.Message, "invalid_request_error", "invalid_value");
            }
        }

        return null;
    }
}
