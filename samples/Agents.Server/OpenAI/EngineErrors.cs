namespace Agents.Server.OpenAI;

/// <summary>Maps exceptions from a model engine to OpenAI errors without depending on the engine's assembly.</summary>
public static class EngineErrors
{
    /// <summary>A 400 <c>context_length_exceeded</c> when the exception (or an inner one) is a context overflow; otherwise null.</summary>
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

            if (ex is ArgumentException or NotSupportedException)
            {
                return new OpenAIRequestException(400, ex.Message, "invalid_request_error", "invalid_value");
            }
        }

        return null;
    }
}
