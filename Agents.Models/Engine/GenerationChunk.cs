using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>One item the scheduler hands to a waiting caller: a piece of text, or the final summary.</summary>
internal sealed record GenerationChunk(string? Text, GenerationSummary? Summary);

/// <summary>How a generation ended, with token counts and speeds.</summary>
internal sealed record GenerationSummary(
    ChatFinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    double PromptSeconds,
    double DecodeSeconds)
{
    public double PromptTokensPerSecond => PromptSeconds > 0 ? PromptTokens / PromptSeconds : 0;

    public double DecodeTokensPerSecond => DecodeSeconds > 0 ? CompletionTokens / DecodeSeconds : 0;
}
