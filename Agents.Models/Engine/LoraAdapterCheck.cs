using Agents.Models.Gguf;

namespace Agents.Models.Engine;

/// <summary>
/// Checks a LoRA adapter GGUF against its base model before llama.cpp loads it: the same
/// <c>general.architecture</c>, and for every <c>NAME.lora_a</c>/<c>NAME.lora_b</c> pair a base tensor
/// <c>NAME</c> whose shape the pair fits (ggml order, ne0 first: base [in, out], lora_a [in, r], lora_b [r, out];
/// the token embedding is stored the other way round, as llama.cpp expects). Any mismatch is a
/// <see cref="ModelLoadException"/> naming the adapter file, the tensor and both shapes.
/// </summary>
internal static class LoraAdapterCheck
{
    private const string SuffixA = ".lora_a";
    private const string SuffixB = ".lora_b";

    /// <summary>Reads the model's tensor table once; then call <see cref="Validate"/> per adapter.</summary>
    public static GgufFile ReadModel(string modelPath)
    {
        try
        {
            return GgufFile.Read(modelPath);
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(modelPath, $"cannot read the tensor table to check LoRA adapters ({ex.Message})", ex);
        }
    }

    /// <summary>Throws <see cref="ModelLoadException"/> (for <paramref name="adapterPath"/>) when the adapter does not fit the model.</summary>
    public static void Validate(GgufFile model, string adapterPath)
    {
        GgufFile adapter;
        try
        {
            adapter = GgufFile.Read(adapterPath);
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(adapterPath, $"cannot read the LoRA adapter ({ex.Message})", ex);
        }

        if (!string.Equals(adapter.Architecture, model.Architecture, StringComparison.Ordinal))
        {
            throw new ModelLoadException(adapterPath,
                $"LoRA adapter architecture '{adapter.Architecture ?? "(none)"}' does not match the model's '{model.Architecture ?? "(none)"}'");
        }

        var baseTensors = model.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var adapterTensors = adapter.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var a in adapter.Tensors.Where(t => t.Name.EndsWith(SuffixA, StringComparison.Ordinal)))
        {
            var name = a.Name[..^SuffixA.Length];
            if (!adapterTensors.TryGetValue(name + SuffixB, out var b))
            {
                throw new ModelLoadException(adapterPath, $"LoRA tensor '{a.Name}' has no matching '{name}{SuffixB}'");
            }

            if (!baseTensors.TryGetValue(name, out var target))
            {
                throw new ModelLoadException(adapterPath, $"LoRA tensors '{name}{SuffixA}'/'{name}{SuffixB}' have no base tensor '{name}' in the model");
            }

            CheckPair(adapterPath, name, target, a, b);
        }

        foreach (var b in adapter.Tensors.Where(t => t.Name.EndsWith(SuffixB, StringComparison.Ordinal)))
        {
            if (!adapterTensors.ContainsKey(b.Name[..^SuffixB.Length] + SuffixA))
            {
                throw new ModelLoadException(adapterPath, $"LoRA tensor '{b.Name}' has no matching '{b.Name[..^SuffixB.Length]}{SuffixA}'");
            }
        }
    }

    private static void CheckPair(string adapterPath, string name, GgufTensorInfo target, GgufTensorInfo a, GgufTensorInfo b)
    {
        if (target.Dimensions.Count < 2 || a.Dimensions.Count < 2 || b.Dimensions.Count < 2)
        {
            throw Mismatch(adapterPath, name, target, a, b, "LoRA pairs apply to matrices");
        }

        ulong inputs = target.Dimensions[0], outputs = target.Dimensions[1];
        var embedding = name.EndsWith("token_embd.weight", StringComparison.Ordinal);
        var fits = embedding
            ? b.Dimensions[1] == inputs && a.Dimensions[1] == outputs && a.Dimensions[0] == b.Dimensions[0]
            : a.Dimensions[0] == inputs && b.Dimensions[1] == outputs && a.Dimensions[1] == b.Dimensions[0];
        if (!fits)
        {
            var expected = embedding
                ? $"lora_a must be [r, {outputs}] and lora_b [r, {inputs}]"
                : $"lora_a must be [{inputs}, r] and lora_b [r, {outputs}]";
            throw Mismatch(adapterPath, name, target, a, b, expected);
        }
    }

    private static ModelLoadException Mismatch(string adapterPath, string name, GgufTensorInfo target, GgufTensorInfo a, GgufTensorInfo b, string expected)
        => new(adapterPath,
            $"LoRA tensor shapes do not match the model for '{name}': lora_a {Shape(a)}, lora_b {Shape(b)}, base tensor {Shape(target)} ({expected})");

    private static string Shape(GgufTensorInfo tensor) => $"[{string.Join(", ", tensor.Dimensions)}]";
}
