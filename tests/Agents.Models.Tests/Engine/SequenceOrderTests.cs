using System.Collections.Concurrent;
using Agents.Models.Engine;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Engine;

/// <summary>
/// With one KV stream per sequence, llama.cpp decodes a batch in one pass only when its sequence ids are consecutive
/// and increasing; otherwise it splits the batch into several micro-batches, each a full pass over the weights.
/// </summary>
public sealed class SequenceOrderTests
{
    [Fact]
    public async Task Batches_AfterConversationsEndOutOfOrder_ListConsecutiveIncreasingSequences()
    {
        // Options of its own (context 448), so no other test shares this model or its observer.
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 3, ContextSize = 448 });
        var batches = new ConcurrentQueue<int[]>();
        model.Scheduler.BatchObserver = batches.Enqueue;

        // Each stream is read once, so its sequence is admitted and then parks a few tokens ahead of its reader.
        var a = await StartAsync(model);
        var b = await StartAsync(model);
        var c = await StartAsync(model);
        // Ending b, then a, frees ids 1 and 0 while c keeps id 2: the next conversation must take 1, next to 2.
        await b.DisposeAsync();
        await a.DisposeAsync();
        await WaitUntilAsync(() => model.Scheduler.ActiveCount == 1);
        var d = await StartAsync(model);
        await Task.WhenAll(DrainAsync(c), DrainAsync(d));
        model.Scheduler.BatchObserver = null;

        Assert.NotEmpty(batches);
        Assert.All(batches, batch =>
        {
            Assert.Equal(batch.Order(), batch);
            var ids = batch.Distinct().ToArray();
            Assert.Equal(ids.Length, ids[^1] - ids[0] + 1);
        });
        Assert.Contains(batches, batch => batch.Contains(1) && batch.Contains(2) && !batch.Contains(0));
    }

    private static async Task<IAsyncEnumerator<ChatResponseUpdate>> StartAsync(LocalModel model)
    {
        var stream = model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(120)).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        return stream;
    }

    private static async Task DrainAsync(IAsyncEnumerator<ChatResponseUpdate> stream)
    {
        await using (stream)
        {
            while (await stream.MoveNextAsync())
            {
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The scheduler did not release the ended conversations within 10 s.");
            await Task.Delay(5);
        }
    }
}
