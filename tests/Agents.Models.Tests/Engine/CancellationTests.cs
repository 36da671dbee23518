using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

public sealed class CancellationTests
{
    [Fact]
    public async Task GenerateStreaming_CancelledMidStream_ThrowsAndStopsDecodingWithinOneToken()
    {
        // A model instance of its own (different options → different cache entry), so token counts are ours alone.
        var model = await EngineTestModels.StoriesAsync(parallel: 3);
        var before = model.GeneratedTokenCount;
        using var cts = new CancellationTokenSource();
        var received = 0;
        long atCancel = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(400), cts.Token))
            {
                if (++received == 5)
                {
                    await cts.CancelAsync();
                    // Read after Cancel returns: the scheduler keeps decoding until then, so a count taken before
                    // the call can miss a step that completed in between.
                    atCancel = model.GeneratedTokenCount - before;
                }
            }
        });

        // One more request through the same scheduler proves it has processed the cancellation.
        await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once", EngineTestModels.Greedy(1)));
        // After Cancel returns, at most the step already in flight samples one more token; the probe adds one.
        Assert.Equal(5, received);
        Assert.InRange(atCancel, 5, 5 + 8 + 1); // the scheduler runs at most 8 tokens ahead of its reader
        Assert.InRange(model.GeneratedTokenCount - before - atCancel, 1, 2);
    }

    [Fact]
    public async Task GenerateStreaming_ConsumerStopsReading_StopsDecoding()
    {
        var model = await EngineTestModels.StoriesAsync(parallel: 3);
        var before = model.GeneratedTokenCount;

        await foreach (var update in model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(400)))
        {
            break;
        }

        await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once", EngineTestModels.Greedy(1)));
        Assert.InRange(model.GeneratedTokenCount - before, 2, 1 + 8 + 1 + 1);
    }

    [Fact]
    public async Task GetResponseAsync_AlreadyCancelled_ThrowsOperationCanceled()
    {
        using var client = new LocalChatClient(await EngineTestModels.StoriesAsync());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], EngineTestModels.Greedy(10), cts.Token));
    }
}
