using Agents.Models.Store;

namespace Agents.Models.Tests.Store;

public sealed class ModelReferenceTests
{
    [Fact]
    public void Parse_HuggingFaceReference_MapsToResolveUrlOnMain()
    {
        var reference = ModelReference.Parse("hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf");

        Assert.True(reference.IsHuggingFace);
        Assert.Equal("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf", reference.DownloadUri.ToString());
        Assert.Equal("huggingface/Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf", reference.CacheRelativePath);
        Assert.Equal("qwen2.5-0.5b-instruct-q4_k_m.gguf", reference.FileName);
        Assert.Equal("main", reference.Revision);
    }

    [Fact]
    public void Parse_HuggingFaceReferenceWithRevisionAndFolder_UsesRevisionAndCustomBase()
    {
        var reference = ModelReference.Parse("hf:o/r/sub/m.gguf@v1.2", new Uri("http://127.0.0.1:9000/hub"));

        Assert.Equal("http://127.0.0.1:9000/hub/o/r/resolve/v1.2/sub/m.gguf", reference.DownloadUri.ToString());
        Assert.Equal("huggingface/o/r@v1.2/sub/m.gguf", reference.CacheRelativePath);
        Assert.Equal("sub/m.gguf", reference.FilePath);
    }

    [Fact]
    public void Parse_HttpsUrl_CachesUnderHostAndPath()
    {
        var reference = ModelReference.Parse("https://example.com/files/my%20model.gguf?download=1");

        Assert.False(reference.IsHuggingFace);
        Assert.Equal("example.com/files/my_model.gguf", reference.CacheRelativePath);
    }

    [Theory]
    [InlineData("hf:owner/file.gguf", "owner, repository and file")]
    [InlineData("hf:owner/repo/../x.gguf", "segment 3")]
    [InlineData("hf:owner/repo/a b.gguf", "segment 3")]
    [InlineData("hf:owner/repo/x.gguf@", "revision")]
    [InlineData("ftp://host/x.gguf", "https://")]
    [InlineData("https://user:pw@host/x.gguf", "credentials")]
    [InlineData("https://host/", "names no file")]
    [InlineData("  ", "empty")]
    public void Parse_InvalidReference_ThrowsWithReason(string text, string reason)
    {
        var error = Assert.Throws<InvalidModelReferenceException>(() => ModelReference.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(text, error.Reference);
    }

    [Theory]
    [InlineData("hf:a/b/c.gguf", true)]
    [InlineData("https://x/y.gguf", true)]
    [InlineData("models/x.gguf", false)]
    [InlineData("C:\\models\\x.gguf", false)]
    public void LooksLikeReference_PathOrReference_Classified(string text, bool expected) =>
        Assert.Equal(expected, ModelReference.LooksLikeReference(text));
}
