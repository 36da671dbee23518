using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>A parsed <c>/v1/chat/completions</c> or <c>/v1/completions</c> request.</summary>
/// <param name="Model">The requested model name (may be empty: the only served model is used).</param>
/// <param name="Messages">The conversation, as Microsoft.Extensions.AI messages.</param>
/// <param name="Options">Sampling, limits, stop strings, response format and tools.</param>
/// <param name="Stream">True for server-sent events.</param>
/// <param name="IncludeUsage">True when <c>stream_options.include_usage</c> asks for a final usage chunk.</param>
public sealed record ChatRequest(string? Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage);
