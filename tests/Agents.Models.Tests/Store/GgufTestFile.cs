using System.Text;

namespace Agents.Models.Tests.Store;

/// <summary>Writes small GGUF v3 files: metadata keys plus tensor infos (no tensor data is needed by the header reader).</summary>
internal static class GgufTestFile
{
    public static byte[] Create(string architecture, uint fileType, uint contextLength, string name, params ulong[][] tensorShapes)
    {
        using var memory = new MemoryStream();
        using var w = new BinaryWriter(memory, Encoding.UTF8);
        w.Write(0x46554747u);
        w.Write(3u);
        w.Write((ulong)tensorShapes.Length);
        w.Write(6ul);
        Key(w, "general.architecture"); w.Write(8u); Str(w, architecture);
        Key(w, "general.name"); w.Write(8u); Str(w, name);
        Key(w, "general.file_type"); w.Write(4u); w.Write(fileType);
        Key(w, "tokenizer.ggml.tokens"); w.Write(9u); w.Write(8u); w.Write(3ul); Str(w, "a"); Str(w, "bb"); Str(w, "ccc");
        Key(w, "tokenizer.ggml.scores"); w.Write(9u); w.Write(6u); w.Write(3ul); w.Write(0f); w.Write(1f); w.Write(2f);
        Key(w, architecture + ".context_length"); w.Write(4u); w.Write(contextLength);
        for (var i = 0; i < tensorShapes.Length; i++)
        {
            Str(w, $"t{i}.weight");
            w.Write((uint)tensorShapes[i].Length);
            foreach (var d in tensorShapes[i])
            {
                w.Write(d);
            }

            w.Write(0u);
            w.Write(0ul);
        }

        w.Write(new byte[64]);
        w.Flush();
        return memory.ToArray();
    }

    private static void Key(BinaryWriter w, string key) => Str(w, key);

    private static void Str(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
