using Agents.Models.Gguf;
using Agents.Models.Tests.Families;
using Agents.TestSupport;
using LLama;
using LLama.Native;

namespace Agents.Models.Tests.Lora;

/// <summary>LoRA adapters written by the tests themselves, applied to stories260K through LLamaSharp.</summary>
public sealed class LoraAdapterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h7-lora-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes an adapter on attn_q and attn_v of every block; zero B makes it a no-op.</summary>
    internal static void WriteAdapter(string path, bool zero, int rank = 4, int seed = 5)
    {
        var model = GgufFile.Read(TestAssets.Stories260K);
        var w = new GgufWriter();
        w.AddString("general.architecture", "llama");
        w.AddString("general.type", "adapter");
        w.AddString("adapter.type", "lora");
        w.AddFloat32("adapter.lora.alpha", rank);
        var rng = new Random(seed);
        foreach (var t in model.Tensors.Where(t => t.Name.EndsWith(".attn_q.weight", StringComparison.Ordinal) || t.Name.EndsWith(".attn_v.weight", StringComparison.Ordinal)))
        {
            ulong nIn = t.Dimensions[0];
            ulong nOut = t.Dimensions[1];
            TinyModelFactory.AddRandomTensor(w, t.Name + ".lora_a", [nIn, (ulong)rank], rng, 1f);
            if (zero)
            {
                TinyModelFactory.AddConstantTensor(w, t.Name + ".lora_b", [(ulong)rank, nOut], 0f);
            }
            else
            {
                TinyModelFactory.AddRandomTensor(w, t.Name + ".lora_b", [(ulong)rank, nOut], rng, 2f);
            }
        }

        w.WriteFile(path);
    }

    [Fact]
    public void LoraAdapters_ZeroNonZeroAndScaleZero_BehaveAsExpected()
    {
        string zeroPath = Path.Combine(_dir, "zero.gguf");
        string realPath = Path.Combine(_dir, "real.gguf");
        WriteAdapter(zeroPath, zero: true);
        WriteAdapter(realPath, zero: false);
        Assert.Equal("adapter", GgufFile.Read(realPath).GetString("general.type"));

        TestEngine.WithGate(() =>
        {
            var p = TestEngine.Params(TestAssets.Stories260K);
            using var weights = LLamaWeights.LoadFromFile(p);
            using var context = weights.CreateContext(p);
            var zero = weights.NativeHandle.LoadLoraFromFile(zeroPath);
            var real = weights.NativeHandle.LoadLoraFromFile(realPath);

            string baseline = TestEngine.Run(weights, context, "Once upon a time", 32);
            Assert.StartsWith(", there was a little girl named Lily.", baseline, StringComparison.Ordinal);

            context.NativeHandle.SetLoraAdapters([(zero, 1f)]);
            Assert.Equal(baseline, TestEngine.Run(weights, context, "Once upon a time", 32));

            context.NativeHandle.SetLoraAdapters([(real, 1f)]);
            string changed = TestEngine.Run(weights, context, "Once upon a time", 32);
            Assert.NotEqual(baseline, changed);

            context.NativeHandle.SetLoraAdapters([(real, 0f)]);
            Assert.Equal(baseline, TestEngine.Run(weights, context, "Once upon a time", 32));

            context.NativeHandle.SetLoraAdapters([(zero, 1f), (real, 1f)]);
            Assert.Equal(changed, TestEngine.Run(weights, context, "Once upon a time", 32));

            context.NativeHandle.SetLoraAdapters([]);
            Assert.Equal(baseline, TestEngine.Run(weights, context, "Once upon a time", 32));
        });
    }
}
