using Agents.Models.Engine;
using Agents.Models.Gguf;
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

    [Fact]
    public async Task LoadAsync_LoraWithWrongShape_ThrowsNamingAdapterTensorAndShapes()
    {
        var adapter = Path.Combine(dir, "wrong-shape.gguf");
        var target = GgufFile.Read(TestAssets.Stories260K).Tensors.First(t => t.Name.EndsWith(".attn_q.weight", StringComparison.Ordinal));
        ulong nIn = target.Dimensions[0], nOut = target.Dimensions[1];
        WriteSinglePairAdapter(adapter, "llama", target.Name, [nIn + 4, 4], [4, nOut]);
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(new LoraAdapterOptions(adapter));

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => LocalModel.LoadAsync(options));

        Assert.Equal(adapter, ex.Path);
        Assert.Contains(target.Name, ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"[{nIn + 4}, 4]", ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"[{nIn}, {nOut}]", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LoraWithMismatchedRank_ThrowsNamingTheTensor()
    {
        var adapter = Path.Combine(dir, "wrong-rank.gguf");
        var target = GgufFile.Read(TestAssets.Stories260K).Tensors.First(t => t.Name.EndsWith(".attn_v.weight", StringComparison.Ordinal));
        WriteSinglePairAdapter(adapter, "llama", target.Name, [target.Dimensions[0], 4], [8, target.Dimensions[1]]);
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(new LoraAdapterOptions(adapter));

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => LocalModel.LoadAsync(options));

        Assert.Equal(adapter, ex.Path);
        Assert.Contains(target.Name, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LoraForAnotherArchitecture_ThrowsNamingBoth()
    {
        var adapter = Path.Combine(dir, "other-arch.gguf");
        var target = GgufFile.Read(TestAssets.Stories260K).Tensors.First(t => t.Name.EndsWith(".attn_q.weight", StringComparison.Ordinal));
        WriteSinglePairAdapter(adapter, "gptneox", target.Name, [target.Dimensions[0], 4], [4, target.Dimensions[1]]);
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(new LoraAdapterOptions(adapter));

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => LocalModel.LoadAsync(options));

        Assert.Equal(adapter, ex.Path);
        Assert.Contains("'gptneox'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("'llama'", ex.Reason, StringComparison.Ordinal);
    }

    /// <summary>An adapter with one lora_a/lora_b pair of the given ggml shapes (ne0 first).</summary>
    private static void WriteSinglePairAdapter(string path, string architecture, string tensor, ulong[] aShape, ulong[] bShape)
    {
        var w = new GgufWriter();
        w.AddString("general.architecture", architecture);
        w.AddString("general.type", "adapter");
        w.AddString("adapter.type", "lora");
        w.AddFloat32("adapter.lora.alpha", 4);
        var rng = new Random(3);
        TinyModelFactory.AddRandomTensor(w, tensor + ".lora_a", aShape, rng, 1f);
        TinyModelFactory.AddRandomTensor(w, tensor + ".lora_b", bShape, rng, 1f);
        w.WriteFile(path);
    }

    private static async Task<string> GreedyAsync(LoraAdapterOptions lora)
    {
        var options = EngineTestModels.StoriesOptions(parallel: 1, contextSize: 128);
        options.LoraAdapters.Add(lora);
        using var model = await LocalModel.LoadAsync(options);
        return (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("Once upon a time", EngineTestModels.Greedy(40)))).Text;
    }
}
