using Agents.Models.Gguf;
using Agents.Models.Quantization;
using Agents.Models.Tests.Families;
using Agents.TestSupport;

namespace Agents.Models.Tests.Quantization;

public sealed class ModelQuantizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h7-quant-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("q4_k_m", "Q4_K_M")]
    [InlineData("f16", "F16")]
    [InlineData("Q6_K", "Q6_K")]
    public async Task QuantizeAsync_Stories260K_OutputLoadsAndGenerates(string type, string expected)
    {
        string output = Path.Combine(_dir, $"stories-{type}.gguf");
        var reports = new List<QuantizationProgress>();
        var result = await ModelQuantizer.QuantizeAsync(TestAssets.Stories260K, output, type, new SyncProgress(reports));
        Assert.True(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
        Assert.Equal(expected, GgufFile.Read(output).Quantization);
        Assert.True(result.OutputBytes < result.InputBytes);
        Assert.NotEmpty(reports);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.False(string.IsNullOrWhiteSpace(TestEngine.Generate(output, "Once upon a time", 8)));
    }

    [Theory]
    [InlineData("q8_0")]
    [InlineData("q4_0")]
    public async Task QuantizeAsync_LegacyTypeOnStories260K_NamesTensorAndReason(string type)
    {
        string output = Path.Combine(_dir, "bad.gguf");
        var ex = await Assert.ThrowsAsync<QuantizationException>(() => ModelQuantizer.QuantizeAsync(TestAssets.Stories260K, output, type));
        Assert.Equal("blk.0.ffn_down.weight", ex.TensorName);
        Assert.Contains("rows of 172 values", ex.Message, StringComparison.Ordinal);
        Assert.Contains("multiple of the 32-value blocks", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("q8_0", "Q8_0")]
    [InlineData("q4_0", "Q4_0")]
    public async Task QuantizeAsync_WriterModelWithAlignedDims_OutputLoadsAndGenerates(string type, string expected)
    {
        string input = Path.Combine(_dir, "aligned.gguf");
        TinyModelFactory.WriteLlama(input, nLayer: 2, nEmbd: 256, nHead: 4, nHeadKv: 4, nFf: 512, TestAssets.Stories260K, seed: 3);
        string output = Path.Combine(_dir, $"aligned-{type}.gguf");
        await ModelQuantizer.QuantizeAsync(input, output, type);
        var file = GgufFile.Read(output);
        Assert.Equal(expected, file.Quantization);
        Assert.Contains(file.Tensors, t => t.Type.ToString() == expected);
        Assert.False(string.IsNullOrEmpty(TestEngine.Generate(output, "Once upon a time", 8)));
    }

    [Fact]
    public async Task QuantizeAsync_QuantizedInput_RefusedUnlessAllowed()
    {
        string q = Path.Combine(_dir, "q.gguf");
        await ModelQuantizer.QuantizeAsync(TestAssets.Stories260K, q, "q4_k_m");
        var ex = await Assert.ThrowsAsync<QuantizationException>(() => ModelQuantizer.QuantizeAsync(q, Path.Combine(_dir, "q2.gguf"), "q6_k"));
        Assert.Contains("already", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownType_ListsKnownTypes()
    {
        var ex = Assert.Throws<ArgumentException>(() => QuantizationType.Parse("q7_z"));
        Assert.Contains("q4_k_m", ex.Message, StringComparison.Ordinal);
        Assert.Equal("q4_k_m", QuantizationType.Parse("Q4KM").Name);
    }

    [Fact]
    public async Task QuantizeAsync_MissingInput_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => ModelQuantizer.QuantizeAsync(Path.Combine(_dir, "none.gguf"), Path.Combine(_dir, "o.gguf"), "f16"));
    }

    private sealed class SyncProgress(List<QuantizationProgress> reports) : IProgress<QuantizationProgress>
    {
        public void Report(QuantizationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
