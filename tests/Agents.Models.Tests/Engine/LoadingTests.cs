using Agents.Models.Engine;
using Agents.TestSupport;

namespace Agents.Models.Tests.Engine;

public sealed class LoadingTests
{
    [Fact]
    public async Task LoadAsync_WithProgress_ReportsUpToOne()
    {
        var progress = new RecordingProgress();
        var options = new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 1, ContextSize = 96 };

        using var model = await LocalModel.LoadAsync(options, progress);

        Assert.NotEmpty(progress.Values);
        Assert.Equal(1f, progress.Values[^1]);
        Assert.All(progress.Values, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public async Task LoadAsync_Cancelled_ThrowsAndDoesNotPoisonTheCache()
    {
        var options = new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 1, ContextSize = 80 };
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LocalModel.LoadAsync(options, null, cts.Token));
        using var model = await LocalModel.LoadAsync(options);

        Assert.Equal(80, model.ContextSize);
    }

    [Fact]
    public async Task Dispose_LoadedModel_NextLoadGivesAFreshWorkingModel()
    {
        var options = new LocalModelOptions { ModelPath = TestAssets.Stories260K, Threads = 1, MaxParallelConversations = 1, ContextSize = 72 };
        var first = await LocalModel.LoadAsync(options);
        first.Dispose();

        using var second = await LocalModel.LoadAsync(options);
        var (text, _) = await EngineTestModels.CollectAsync(second.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(8)));

        Assert.NotSame(first, second);
        Assert.StartsWith(text, EngineTestModels.Reference64, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => first.Tokenize("x"));
    }

    [Fact]
    public void Validate_BadOptions_NameTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LocalModelOptions { ModelPath = "m.gguf", MaxParallelConversations = 0 }.Validate());

        Assert.Contains("MaxParallelConversations", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingProgress : IProgress<float>
    {
        private readonly List<float> values = [];

        public List<float> Values
        {
            get
            {
                lock (values)
                {
                    return [.. values];
                }
            }
        }

        public void Report(float value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}
