using System.Text;
using Agents.Models.Gguf;
using Agents.Models.Tests.Families;
using Agents.TestSupport;

namespace Agents.Models.Tests.Gguf;

public sealed class GgufFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h7-gguf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_Stories260K_ReportsArchitectureContextAndTensors()
    {
        var file = GgufFile.Read(TestAssets.Stories260K);
        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(2048, file.ContextLength);
        Assert.Equal(48, file.Tensors.Count);
        Assert.Equal(512, ((string[])file.Get("tokenizer.ggml.tokens")!.Value).Length);
        var ffnGate = file.Tensors.Single(t => t.Name == "blk.0.ffn_gate.weight");
        Assert.Equal(new ulong[] { 64, 172 }, ffnGate.Dimensions);
        Assert.Equal(GgmlType.F32, ffnGate.Type);
        Assert.Equal(64L * 172 * 4, ffnGate.ByteSize);
        Assert.Equal("F32", file.Quantization);
        Assert.Equal(0, file.DataOffset % file.Alignment);
    }

    [Fact]
    public void WriteThenRead_AllValueTypes_RoundTrip()
    {
        var w = new GgufWriter(64)
            .Add("u8", new GgufMetadataValue(GgufValueType.UInt8, (byte)200))
            .Add("i8", new GgufMetadataValue(GgufValueType.Int8, (sbyte)-5))
            .Add("u16", new GgufMetadataValue(GgufValueType.UInt16, (ushort)60000))
            .Add("i16", new GgufMetadataValue(GgufValueType.Int16, (short)-30000))
            .AddUInt32("u32", 4_000_000_000)
            .AddInt32("i32", -2_000_000_000)
            .AddFloat32("f32", 1.5f)
            .AddBool("bool", true)
            .AddString("str", "héllo ✓")
            .Add("u64", new GgufMetadataValue(GgufValueType.UInt64, ulong.MaxValue))
            .Add("i64", new GgufMetadataValue(GgufValueType.Int64, long.MinValue))
            .Add("f64", new GgufMetadataValue(GgufValueType.Float64, Math.PI))
            .AddArray("arr.str", GgufValueType.String, ["a", "", "ü"])
            .AddArray("arr.f32", GgufValueType.Float32, [1f, -2f])
            .AddArray("arr.i32", GgufValueType.Int32, [1, 2, 3])
            .AddTensor("t.a", [3, 2], [1f, 2f, 3f, 4f, 5f, 6f])
            .AddTensor("t.b", [32], GgmlType.Q8_0, new byte[34]);
        string path = Path.Combine(_dir, "all.gguf");
        w.WriteFile(path);

        var file = GgufFile.Read(path);
        Assert.Equal(64, file.Alignment);
        Assert.Equal((byte)200, file.Get("u8")!.Value);
        Assert.Equal((sbyte)-5, file.Get("i8")!.Value);
        Assert.Equal((ushort)60000, file.Get("u16")!.Value);
        Assert.Equal((short)-30000, file.Get("i16")!.Value);
        Assert.Equal(4_000_000_000u, file.Get("u32")!.Value);
        Assert.Equal(-2_000_000_000, file.Get("i32")!.Value);
        Assert.Equal(1.5f, file.Get("f32")!.Value);
        Assert.Equal(true, file.Get("bool")!.Value);
        Assert.Equal("héllo ✓", file.GetString("str"));
        Assert.Equal(ulong.MaxValue, file.Get("u64")!.Value);
        Assert.Equal(long.MinValue, file.Get("i64")!.Value);
        Assert.Equal(Math.PI, file.Get("f64")!.Value);
        Assert.Equal(new[] { "a", "", "ü" }, (string[])file.Get("arr.str")!.Value);
        Assert.Equal(new[] { 1f, -2f }, (float[])file.Get("arr.f32")!.Value);
        Assert.Equal(GgufValueType.Int32, file.Get("arr.i32")!.ElementType);
        Assert.Equal(["t.a", "t.b"], file.Tensors.Select(t => t.Name));
        Assert.Equal(0UL, file.Tensors[0].Offset);
        Assert.Equal(64UL, file.Tensors[1].Offset);

        using var stream = File.OpenRead(path);
        stream.Position = file.DataOffset;
        var data = new byte[24];
        stream.ReadExactly(data);
        Assert.Equal(6f, BitConverter.ToSingle(data, 20));
        Assert.Equal(file.DataOffset + 64 + 34, new FileInfo(path).Length - (new FileInfo(path).Length - file.DataOffset - 64 - 34) % 64);
    }

    [Fact]
    public void AddTensor_WrongByteCount_Throws()
    {
        var w = new GgufWriter();
        Assert.Throws<ArgumentException>(() => w.AddTensor("x", [32], GgmlType.Q8_0, new byte[33]));
    }

    [Theory]
    [InlineData("not a model at all", "magic")]
    [InlineData("GGUF\u0009\0\0\0", "version 9")]
    public void Read_Garbage_ThrowsFormatError(string content, string messagePart)
    {
        string path = Path.Combine(_dir, "bad.gguf");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(content));
        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsFormatError()
    {
        string path = Path.Combine(_dir, "cut.gguf");
        var bytes = File.ReadAllBytes(TestAssets.Stories260K);
        File.WriteAllBytes(path, bytes[..5000]);
        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeStringLength_RefusedWithoutAllocating()
    {
        string path = Path.Combine(_dir, "huge.gguf");
        using (var w = new BinaryWriter(File.Create(path)))
        {
            w.Write(GgufFile.Magic);
            w.Write(3u);
            w.Write(0UL);
            w.Write(1UL);
            w.Write(ulong.MaxValue / 2);
        }

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));
        Assert.Contains("exceeds the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLlama_TinyRandomModel_LoadsAndGenerates()
    {
        string path = Path.Combine(_dir, "tiny-llama.gguf");
        TinyModelFactory.WriteLlama(path, nLayer: 2, nEmbd: 64, nHead: 4, nHeadKv: 2, nFf: 128, TestAssets.Stories260K, seed: 1);
        var file = GgufFile.Read(path);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(2 + 9 * 2 + 1, file.Tensors.Count);

        string a = TestEngine.Generate(path, "Once upon a time", 12);
        string b = TestEngine.Generate(path, "Once upon a time", 12);
        Assert.False(string.IsNullOrEmpty(a));
        Assert.Equal(a, b);

        string other = Path.Combine(_dir, "tiny-llama-2.gguf");
        TinyModelFactory.WriteLlama(other, 2, 64, 4, 2, 128, TestAssets.Stories260K, seed: 1);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(other));
    }

    [Fact]
    public void WriteLlama_F16_LoadsAndReportsF16()
    {
        string path = Path.Combine(_dir, "tiny-llama-f16.gguf");
        TinyModelFactory.WriteLlama(path, 1, 64, 4, 4, 64, TestAssets.Llama2TinyRandom, seed: 2, GgmlType.F16);
        var file = GgufFile.Read(path);
        Assert.Equal("F16", file.Quantization);
        Assert.Equal(32000, ((string[])file.Get("tokenizer.ggml.tokens")!.Value).Length);
        Assert.False(string.IsNullOrEmpty(TestEngine.Generate(path, "Hello", 6)));
    }
}
