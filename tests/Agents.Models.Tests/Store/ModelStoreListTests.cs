using Agents.Models.Store;
using Agents.TestSupport;

namespace Agents.Models.Tests.Store;

public sealed class ModelStoreListTests
{
    [Fact]
    public void ListModels_GgufFilesInCache_ReportsArchitectureQuantizationContextAndParameters()
    {
        using var cache = new TempDirectory();
        var folder = Path.Combine(cache.Path, "huggingface", "o", "r");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "a.gguf"), GgufTestFile.Create("qwen2", 15, 32768, "Tiny Qwen", [4, 8], [16]));
        File.WriteAllText(Path.Combine(folder, "a.gguf.sha256"), "x");
        File.WriteAllText(Path.Combine(folder, "broken.gguf"), "not a gguf at all, just text");
        Directory.CreateDirectory(Path.Combine(cache.Path, "partial"));
        File.WriteAllText(Path.Combine(cache.Path, "partial", "x.part"), "partial");
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = cache.Path });

        var models = store.ListModels();

        Assert.Equal(["huggingface/o/r/a.gguf", "huggingface/o/r/broken.gguf"], models.Select(m => m.Name));
        var model = models[0];
        Assert.Equal("qwen2", model.Architecture);
        Assert.Equal("Q4_K_M", model.Quantization);
        Assert.Equal(32768, model.ContextLength);
        Assert.Equal(48, model.ParameterCount);
        Assert.Equal("Tiny Qwen", model.ModelName);
        Assert.Null(model.Error);
        Assert.Contains("GGUF", models[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ListModels_TruncatedHeader_ReportsErrorInsteadOfThrowing()
    {
        using var cache = new TempDirectory();
        var bytes = GgufTestFile.Create("llama", 1, 2048, "t", [1000, 1000]);
        File.WriteAllBytes(Path.Combine(cache.Path, "cut.gguf"), bytes[..60]);
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = cache.Path });

        var model = Assert.Single(store.ListModels());

        Assert.Contains("truncated", model.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ListModels_RealStories260K_ReadsLlamaHeader()
    {
        var source = TestAssets.Stories260K;
        using var cache = new TempDirectory();
        File.Copy(source, Path.Combine(cache.Path, "stories260K.gguf"));
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = cache.Path });

        var model = Assert.Single(store.ListModels());

        Assert.Null(model.Error);
        Assert.Equal("llama", model.Architecture);
        Assert.NotNull(model.ContextLength);
        Assert.InRange(model.ParameterCount ?? 0, 200_000, 400_000);
    }

    [Fact]
    public void ListModels_MissingCacheFolder_ReturnsEmpty()
    {
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "agents-no-such-" + Guid.NewGuid()) });

        Assert.Empty(store.ListModels());
    }
}
