using Agents.Models.Engine;
using Agents.Models.Tests.Lora;
using Agents.TestSupport;

namespace Agents.Models.Tests.Engine;

public sealed class LoraLoadingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("agents-engine-lora-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task LoadAsync_LoraAdapters_ChangeOutputUnlessScaleIsZero()
    {
        var adapter = Path.Combine(dir, "adapter.gguf");
        LoraAdapterTests.WriteAdapter(adapter, zero: false);

        var applied = await GreedyAsync(new LoraAdapterOptions(adapter, 1f));
        var scaledOff = await GreedyAsync(new LoraAdapterOptions(adapter, 0f));

        Assert.NotEqual(EngineTestModels.Reference64[..40], applied[..Math.Min(40, applied.Length)]);
        Assert.Equal(EngineTestModels.Reference64[..40], scaledOff[..40]);
    }

    [Fact]
    public async Task LoadAsync_MissingLoraFile_ThrowsNamingTheAdapter()
    {
        var missing = Path.Combine(dir, "missing-adapter.gguf");
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(new LoraAdapterOptions(missing));

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => LocalModel.LoadAsync(options));

        Assert.Equal(missing, ex.Path);
    }

    private static async Task<string> GreedyAsync(LoraAdapterOptions lora)
    {
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(lora);
        using var model = await LocalModel.LoadAsync(options);
        return (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(40)))).Text;
    }
}
