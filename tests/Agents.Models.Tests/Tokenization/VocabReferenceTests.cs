using System.Globalization;
using System.Text;
using Agents.TestSupport;
using LLama;
using LLama.Common;

namespace Agents.Models.Tests.Tokenization;

/// <summary>
/// llama.cpp's own tokenizer test vectors (shared/models/vocab/*.inp/.out, from llama.cpp b10221 models/):
/// every input, tokenized through LLamaSharp with add_special=false and parse_special=false, must give exactly
/// the ids llama.cpp's test-tokenizer-0 expects.
/// </summary>
public sealed class VocabReferenceTests
{
    private const string Separator = "\n__ggml_vocab_test__\n";

    private static readonly string[] Files =
    [
        "ggml-vocab-bert-bge.gguf",
        "ggml-vocab-deepseek-coder.gguf",
        "ggml-vocab-deepseek-llm.gguf",
        "ggml-vocab-falcon.gguf",
        "ggml-vocab-gpt-2.gguf",
        "ggml-vocab-llama-spm.gguf",
        "ggml-vocab-mpt.gguf",
        "ggml-vocab-phi-3.gguf",
        "ggml-vocab-refact.gguf",
        "ggml-vocab-starcoder.gguf",
    ];

    public static TheoryData<string> VocabFiles => new(Files);

    [Theory]
    [MemberData(nameof(VocabFiles))]
    public void Tokenize_ReferenceInputs_EqualLlamaCppIds(string vocab)
    {
        var gguf = TestAssets.Require("models/vocab/" + vocab);
        var inputs = ReadInputs(gguf + ".inp");
        var expected = ReadExpected(gguf + ".out");
        Assert.Equal(expected.Count, inputs.Count);

        using var weights = LLamaWeights.LoadFromFile(new ModelParams(gguf) { VocabOnly = true, GpuLayerCount = 0 });
        var mismatches = new List<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var actual = weights.NativeHandle.Tokenize(inputs[i], false, false, Encoding.UTF8).Select(t => (int)t).ToArray();
            if (!actual.SequenceEqual(expected[i]))
            {
                mismatches.Add($"#{i} {Escape(inputs[i])}: expected [{string.Join(' ', expected[i])}] got [{string.Join(' ', actual)}]");
            }
        }

        Assert.True(mismatches.Count == 0, $"{vocab}: {mismatches.Count} of {inputs.Count} inputs differ:\n{string.Join('\n', mismatches)}");
    }

    [Fact]
    public void VocabFiles_CoverEveryReferencePair()
    {
        var folder = TestAssets.Require("models/vocab");
        var withPairs = Directory.GetFiles(folder, "*.gguf")
            .Where(f => File.Exists(f + ".inp") && File.Exists(f + ".out"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(withPairs, Files.Order(StringComparer.Ordinal));
    }

    /// <summary>Inputs are separated (and the file is ended) by the separator line, as llama.cpp's test-tokenizer-0 reads them.</summary>
    private static List<string> ReadInputs(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        var parts = text.Split(Separator).ToList();
        Assert.Equal(string.Empty, parts[^1]);
        parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    /// <summary>One line per input: token ids separated by spaces (an empty line for an empty input).</summary>
    private static List<int[]> ReadExpected(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
