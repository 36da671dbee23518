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

    [Fact]
    public async Task Batches_AfterTheMiddleConversationEnds_MoveTheLastIntoTheGapAndKeepItsText()
    {
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 3, ContextSize = 384 });
        var (firstAlone, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(80)));
        var (lastAlone, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Tom and Lily went", EngineTestModels.Greedy(80)));
        var batches = new ConcurrentQueue<int[]>();
        model.Scheduler.BatchObserver = batches.Enqueue;

        var a = await StartAsync(model, "Once upon a time", 80);
        var b = await StartAsync(model, "Once upon a time", 80);
        var c = await StartAsync(model, "Tom and Lily went", 80);
        // Ending b leaves ids 0 and 2 in use: the scheduler moves c's KV stream from id 2 to id 1.
        await b.DisposeAsync();
        await WaitUntilAsync(() => model.Scheduler.ActiveCount == 2);
        var afterRelease = batches.Count;
        var texts = await Task.WhenAll(DrainAsync(a), DrainAsync(c));
        model.Scheduler.BatchObserver = null;

        Assert.Equal(firstAlone, texts[0]);
        Assert.Equal(lastAlone, texts[1]);
        Assert.All(batches, batch =>
        {
            var ids = batch.Distinct().ToArray();
            Assert.Equal(ids.Length, ids[^1] - ids[0] + 1);
        });
        var later = batches.Skip(afterRelease).ToList();
        Assert.Contains(later, batch => batch.SequenceEqual([0, 1]));
        Assert.DoesNotContain(later, batch => batch.Contains(2));
    }

    [Fact]
    public async Task ManyConversations_ArrivingAndEndingAtRandom_EqualTheirTextsAloneInConsecutiveBatches()
    {
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 4, ContextSize = 320 });
        string[] prompts = ["Once upon a time", "Tom and Lily went", "The little dog", "One day, a bird"];
        var random = new Random(7);
        var jobs = Enumerable.Range(0, 24).Select(i => (Prompt: prompts[i % prompts.Length], MaxTokens: random.Next(3, 90), DelayMs: random.Next(0, 40))).ToArray();
        var alone = new Dictionary<(string, int), string>();
        foreach (var (prompt, maxTokens, _) in jobs.DistinctBy(j => (j.Prompt, j.MaxTokens)))
        {
            alone[(prompt, maxTokens)] = (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(maxTokens)))).Text;
        }

        var batches = new ConcurrentQueue<int[]>();
        model.Scheduler.BatchObserver = batches.Enqueue;
        var texts = await Task.WhenAll(jobs.Select(async job =>
        {
            await Task.Delay(job.DelayMs);
            return (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(job.Prompt, EngineTestModels.Greedy(job.MaxTokens)))).Text;
        }));
        model.Scheduler.BatchObserver = null;

        for (var i = 0; i < jobs.Length; i++)
        {
            Assert.Equal(alone[(jobs[i].Prompt, jobs[i].MaxTokens)], texts[i]);
        }

        Assert.All(batches, batch =>
        {
            Assert.Equal(batch.Order(), batch);
            var ids = batch.Distinct().ToArray();
            Assert.Equal(ids.Length, ids[^1] - ids[0] + 1);
        });
        Assert.Contains(batches, batch => batch.Distinct().Count() == 4);
    }

    private static async Task<IAsyncEnumerator<ChatResponseUpdate>> StartAsync(LocalModel model, string prompt = "Once upon a time", int maxTokens = 120)
    {
        var stream = model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(maxTokens)).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        return stream;
    }

    /// <summary>Reads a started stream to its end; returns all its text, the update read by StartAsync included.</summary>
    private static async Task<string> DrainAsync(IAsyncEnumerator<ChatResponseUpdate> stream)
    {
        var text = new System.Text.StringBuilder(stream.Current.Text);
        await using (stream)
        {
            while (await stream.MoveNextAsync())
            {
                text.Append(stream.Current.Text);
            }
        }

        return text.ToString();
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
