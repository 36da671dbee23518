using Agents.Models.Store;

namespace Agents.Models.Tests.Store;

public sealed class ModelResolverTests
{
    [Fact]
    public async Task ResolveAsync_ExistingPath_ReturnsItWithoutNetwork()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "local.gguf");
        await File.WriteAllTextAsync(file, "x");
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = Path.Combine(dir.Path, "cache") });

        Assert.Equal(file, await new ModelResolver(store).ResolveAsync(file));
    }

    [Fact]
    public async Task ResolveAsync_Reference_PulledOnFirstUseThenServedFromCache()
    {
        var data = new byte[10_000];
        new Random(3).NextBytes(data);
        using var server = new ModelFileServer(data, "/o/r/resolve/main/m.gguf") { ETag = ModelFileServer.Sha256(data) };
        using var dir = new TempDirectory();
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = dir.Path, HuggingFaceBaseUri = server.BaseUri });
        var resolver = new ModelResolver(store);

        var first = await resolver.ResolveAsync("hf:o/r/m.gguf");
        var second = await resolver.ResolveAsync("hf:o/r/m.gguf");

        Assert.Equal(first, second);
        Assert.Equal(data, await File.ReadAllBytesAsync(first));
        Assert.Single(server.FileRequests);
    }

    [Fact]
    public async Task ResolveAsync_NeitherFileNorReference_ThrowsFileNotFoundNamingIt()
    {
        using var dir = new TempDirectory();
        using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = dir.Path });

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new ModelResolver(store).ResolveAsync("no/such/model.gguf"));

        Assert.Contains("no/such/model.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains("hf:owner/repo/file.gguf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultModels_Instruct_IsAValidHuggingFaceReference()
    {
        var reference = ModelReference.Parse(DefaultModels.Instruct);

        Assert.True(reference.IsHuggingFace);
        Assert.EndsWith(".gguf", reference.FileName, StringComparison.Ordinal);
    }
}
