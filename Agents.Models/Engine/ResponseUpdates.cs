using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>Builds the <see cref="ChatResponseUpdate"/>s the engine streams.</summary>
internal static class ResponseUpdates
{
    public const string PromptTokensPerSecond = "prompt_tokens_per_second";
    public const string DecodeTokensPerSecond = "decode_tokens_per_second";

    public static ChatResponseUpdate Text(string text, string responseId, DateTimeOffset created, string modelId) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        MessageId = responseId,
        CreatedAt = created,
        ModelId = modelId,
    };

    public static ChatResponseUpdate Final(GenerationSummary summary, string responseId, DateTimeOffset created, string modelId) => new()
    {
        Role = ChatRole.Assistant,
        ResponseId = responseId,
        MessageId = responseId,
        CreatedAt = created,
        ModelId = modelId,
        FinishReason = summary.FinishReason,
        Contents =
        [
            new UsageContent(new UsageDetails
            {
                InputTokenCount = summary.PromptTokens,
                OutputTokenCount = summary.CompletionTokens,
                TotalTokenCount = summary.PromptTokens + summary.CompletionTokens,
            }),
        ],
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [PromptTokensPerSecond] = summary.PromptTokensPerSecond,
            [DecodeTokensPerSecond] = summary.DecodeTokensPerSecond,
        },
    };
}
