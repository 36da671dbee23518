using System.Globalization;
using Agents.Models.Gguf;

namespace Agents.Models.Tests.Families;

/// <summary>
/// Tiny random-weight GGUF files per architecture, with the tensor names, shapes and metadata llama.cpp (b10221)
/// loads for that architecture (src/models/*.cpp load_arch_tensors). The vocabulary is stories260K's.
/// </summary>
internal static class FamilyModels
{
    public const int Embd = 64;
    public const int Heads = 4;
    public const int Ff = 128;
    public const int Layers = 2;

    public static string[] Architectures => ["llama", "gptneox", "rwkv6", "chatglm", "t5"];

    public static void Write(string architecture, string path, string vocabSource, int seed = 1)
    {
        if (architecture == "llama")
        {
            TinyModelFactory.WriteLlama(path, Layers, Embd, Heads, Heads, Ff, vocabSource, seed);
            return;
        }

        var w = new GgufWriter();
        w.AddString("general.architecture", architecture);
        w.AddString("general.name", $"tiny-random-{architecture}");
        w.AddUInt32("general.file_type", 0);
        string a = architecture;
        w.AddUInt32($"{a}.context_length", 512);
        w.AddUInt32($"{a}.embedding_length", Embd);
        w.AddUInt32($"{a}.block_count", Layers);
        w.AddUInt32($"{a}.feed_forward_length", Ff);
        int vocab = TinyModelFactory.AddTokenizerFrom(w, vocabSource);
        var rng = new Random(seed);
        ulong e = Embd, v = (ulong)vocab, ff = Ff;
        float s = 1f / MathF.Sqrt(Embd);
        void R(string name, params ulong[] dims) => TinyModelFactory.AddRandomTensor(w, name, dims, rng, name.StartsWith("token_embd", StringComparison.Ordinal) ? 1f : s);
        void C(string name, float value, params ulong[] dims) => TinyModelFactory.AddConstantTensor(w, name, dims, value);
        string B(int i) => "blk." + i.ToString(CultureInfo.InvariantCulture) + ".";

        switch (architecture)
        {
            case "gptneox":
                w.AddUInt32($"{a}.attention.head_count", Heads);
                w.AddUInt32($"{a}.attention.head_count_kv", Heads);
                w.AddFloat32($"{a}.attention.layer_norm_epsilon", 1e-5f);
                w.AddUInt32($"{a}.rope.dimension_count", Embd / Heads / 4);
                w.AddBool($"{a}.use_parallel_residual", true);
                R("token_embd.weight", e, v);
                C("output_norm.weight", 1f, e);
                C("output_norm.bias", 0f, e);
                R("output.weight", e, v);
                for (int i = 0; i < Layers; i++)
                {
                    C(B(i) + "attn_norm.weight", 1f, e);
                    C(B(i) + "attn_norm.bias", 0f, e);
                    R(B(i) + "attn_qkv.weight", e, 3 * e);
                    R(B(i) + "attn_qkv.bias", 3 * e);
                    R(B(i) + "attn_output.weight", e, e);
                    R(B(i) + "attn_output.bias", e);
                    C(B(i) + "ffn_norm.weight", 1f, e);
                    C(B(i) + "ffn_norm.bias", 0f, e);
                    R(B(i) + "ffn_up.weight", e, ff);
                    R(B(i) + "ffn_up.bias", ff);
                    R(B(i) + "ffn_down.weight", ff, e);
                    R(B(i) + "ffn_down.bias", e);
                }

                break;
            case "chatglm":
                w.AddUInt32($"{a}.attention.head_count", Heads);
                w.AddUInt32($"{a}.attention.head_count_kv", Heads);
                w.AddFloat32($"{a}.attention.layer_norm_rms_epsilon", 1e-5f);
                w.AddUInt32($"{a}.rope.dimension_count", Embd / Heads / 2);
                R("token_embd.weight", e, v);
                C("output_norm.weight", 1f, e);
                R("output.weight", e, v);
                for (int i = 0; i < Layers; i++)
                {
                    C(B(i) + "attn_norm.weight", 1f, e);
                    R(B(i) + "attn_qkv.weight", e, 3 * e);
                    R(B(i) + "attn_qkv.bias", 3 * e);
                    R(B(i) + "attn_output.weight", e, e);
                    C(B(i) + "ffn_norm.weight", 1f, e);
                    R(B(i) + "ffn_up.weight", e, 2 * ff);
                    R(B(i) + "ffn_down.weight", ff, e);
                }

                break;
            case "rwkv6":
                const ulong mixExtra = 8, decayExtra = 16, headSize = 16;
                w.AddUInt32($"{a}.attention.head_count", 0);
                w.AddFloat32($"{a}.attention.layer_norm_epsilon", 1e-5f);
                w.AddUInt32($"{a}.wkv.head_size", (uint)headSize);
                w.AddUInt32($"{a}.time_mix_extra_dim", (uint)mixExtra);
                w.AddUInt32($"{a}.time_decay_extra_dim", (uint)decayExtra);
                w.AddUInt32($"{a}.rescale_every_n_layers", 6);
                R("token_embd.weight", e, v);
                C("token_embd_norm.weight", 1f, e);
                C("token_embd_norm.bias", 0f, e);
                C("output_norm.weight", 1f, e);
                C("output_norm.bias", 0f, e);
                R("output.weight", e, v);
                for (int i = 0; i < Layers; i++)
                {
                    string b = B(i);
                    C(b + "attn_norm.weight", 1f, e);
                    C(b + "attn_norm.bias", 0f, e);
                    C(b + "attn_norm_2.weight", 1f, e);
                    C(b + "attn_norm_2.bias", 0f, e);
                    R(b + "time_mix_w1.weight", e, mixExtra * 5);
                    R(b + "time_mix_w2.weight", mixExtra, e, 5);
                    C(b + "time_mix_lerp_x.weight", 0.5f, e, 1, 1);
                    C(b + "time_mix_lerp_fused.weight", 0.5f, e, 1, 1, 5);
                    R(b + "time_mix_first.weight", headSize, e / headSize);
                    C(b + "time_mix_decay.weight", -1f, e);
                    R(b + "time_mix_decay_w1.weight", e, decayExtra);
                    R(b + "time_mix_decay_w2.weight", decayExtra, e);
                    R(b + "time_mix_key.weight", e, e);
                    R(b + "time_mix_value.weight", e, e);
                    R(b + "time_mix_receptance.weight", e, e);
                    R(b + "time_mix_gate.weight", e, e);
                    C(b + "time_mix_ln.weight", 1f, e);
                    C(b + "time_mix_ln.bias", 0f, e);
                    R(b + "time_mix_output.weight", e, e);
                    C(b + "channel_mix_lerp_k.weight", 0.5f, e, 1, 1);
                    C(b + "channel_mix_lerp_r.weight", 0.5f, e, 1, 1);
                    R(b + "channel_mix_key.weight", e, ff);
                    R(b + "channel_mix_value.weight", ff, e);
                    R(b + "channel_mix_receptance.weight", e, e);
                }

                break;
            case "t5":
                const ulong buckets = 32;
                w.AddUInt32($"{a}.attention.head_count", Heads);
                w.AddUInt32($"{a}.attention.key_length", Embd / Heads);
                w.AddUInt32($"{a}.attention.value_length", Embd / Heads);
                w.AddFloat32($"{a}.attention.layer_norm_rms_epsilon", 1e-6f);
                w.AddUInt32($"{a}.attention.relative_buckets_count", (uint)buckets);
                w.AddUInt32($"{a}.decoder_start_token_id", 0);
                R("token_embd.weight", e, v);
                C("enc.output_norm.weight", 1f, e);
                C("dec.output_norm.weight", 1f, e);
                R("output.weight", e, v);
                foreach (string side in (string[])["enc", "dec"])
                {
                    for (int i = 0; i < Layers; i++)
                    {
                        string b = $"{side}.blk.{i}.";
                        if (i == 0)
                        {
                            R(b + "attn_rel_b.weight", Heads, buckets);
                        }

                        C(b + "attn_norm.weight", 1f, e);
                        R(b + "attn_q.weight", e, e);
                        R(b + "attn_k.weight", e, e);
                        R(b + "attn_v.weight", e, e);
                        R(b + "attn_o.weight", e, e);
                        if (side == "dec")
                        {
                            if (i == 0)
                            {
                                R(b + "cross_attn_rel_b.weight", Heads, buckets);
                            }

                            C(b + "cross_attn_norm.weight", 1f, e);
                            R(b + "cross_attn_q.weight", e, e);
                            R(b + "cross_attn_k.weight", e, e);
                            R(b + "cross_attn_v.weight", e, e);
                            R(b + "cross_attn_o.weight", e, e);
                        }

                        C(b + "ffn_norm.weight", 1f, e);
                        R(b + "ffn_gate.weight", e, ff);
                        R(b + "ffn_up.weight", e, ff);
                        R(b + "ffn_down.weight", ff, e);
                    }
                }

                break;
            default:
                throw new ArgumentException($"no tiny model for '{architecture}'", nameof(architecture));
        }

        w.WriteFile(path);
    }
}
