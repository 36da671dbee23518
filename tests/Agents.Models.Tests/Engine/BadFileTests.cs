using System.Text;
using Agents.Models.Engine;
using Agents.TestSupport;

namespace Agents.Models.Tests.Engine;

public sealed class BadFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("agents-badfiles-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsWithPath()
    {
        var path = Path.Combine(dir, "missing.gguf");

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => LocalModel.LoadAsync(new LocalModelOptions { ModelPath = path }));

        Assert.Equal(path, ex.Path);
        Assert.Contains("not found", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_RandomBytes_ThrowsNotGguf()
    {
        var path = Write("random.gguf", RandomBytes(100_000));

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Equal(path, ex.Path);
        Assert.Contains("not a GGUF file", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WrongMagic_ThrowsNotGguf()
    {
        var bytes = File.ReadAllBytes(TestAssets.Stories260K);
        "GGML"u8.CopyTo(bytes);
        var path = Write("wrong-magic.gguf", bytes);

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Contains("wrong magic", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(0.001)]
    public async Task LoadAsync_TruncatedCopy_ThrowsTruncated(double fraction)
    {
        var bytes = File.ReadAllBytes(TestAssets.Stories260K);
        var path = Write("truncated.gguf", bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray());

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Equal(path, ex.Path);
        Assert.Contains("truncated", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownArchitecture_ThrowsUnsupportedArchitecture()
    {
        var bytes = File.ReadAllBytes(TestAssets.Stories260K);
        var key = Encoding.UTF8.GetBytes("general.architecture");
        var at = bytes.AsSpan().IndexOf(key);
        Assert.True(at > 0);
        var value = at + key.Length + 4 + 8; // type (u32), length (u64), then "llama"
        Assert.Equal("llama", Encoding.UTF8.GetString(bytes, value, 5));
        "zzzzz"u8.CopyTo(bytes.AsSpan(value));
        var path = Write("unknown-arch.gguf", bytes);

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Equal(path, ex.Path);
        Assert.Equal("unsupported architecture 'zzzzz'", ex.Reason);
    }

    [Fact]
    public async Task LoadAsync_EmptyFileAndDirectory_Throw()
    {
        var empty = Write("empty.gguf", []);

        var emptyError = await Assert.ThrowsAsync<ModelLoadException>(() => Load(empty));
        var dirError = await Assert.ThrowsAsync<ModelLoadException>(() => Load(dir));

        Assert.Contains("empty", emptyError.Reason, StringComparison.Ordinal);
        Assert.Contains("directory", dirError.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_VocabOnlyGguf_ThrowsNoTensors()
    {
        var path = TestAssets.Require("models/vocab/ggml-vocab-llama-spm.gguf");

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Contains("no tensor data", ex.Reason, StringComparison.Ordinal);
    }

    private static Task<LocalModel> Load(string path) => LocalModel.LoadAsync(new LocalModelOptions { ModelPath = path, Threads = 1 });

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
