using System.Text;
using Agents.Models.Engine;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

/// <summary>Loads the shared tiny models once (the engine's process cache does the rest) and collects streamed text.</summary>
internal static class EngineTestModels
{
    public const string Reference64 = ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said";

    public const string Reference200Prefix = ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said, \"Lily, let's go to the park.\" Lily was sad and didn't know what to do. She said, \"I want to play with your ball, but I can't find it.\"\nLily was sad and didn't know what to do. She said, \"I'm sorry, Lily.";

    public static LocalModelOptions StoriesOptions(int parallel = 4, int contextSize = 512) => new()
    {
        ModelPath = TestAssets.Stories260K,
        Threads = 1,
        MaxParallelConversations = parallel,
        ContextSize = contextSize,
    };

    public static Task<LocalModel> StoriesAsync(int parallel = 4, int contextSize = 512) => LocalModel.LoadAsync(StoriesOptions(parallel, contextSize));

    public static ChatOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokens = maxTokens };

    public static async Task<(string Text, List<ChatResponseUpdate> Updates)> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var text = new StringBuilder();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
            text.Append(update.Text);
        }

        return (text.ToString(), updates);
    }

    public static UsageDetails Usage(List<ChatResponseUpdate> updates)
        => updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;

    public static ChatFinishReason? Finish(List<ChatResponseUpdate> updates)
        => updates.Select(u => u.FinishReason).Single(f => f is not null);
}
