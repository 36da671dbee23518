using System.CommandLine;
using System.Globalization;
using System.Text;
using Agents.Memory.Embeddings;

namespace Agents.Cli.Commands;

/// <summary><c>agents embed [--model DIR]</c>: one text per stdin line in, one JSON array of floats per line out.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Folder of a sentence-transformer ONNX model (model.onnx + tokenizer.json or vocab.txt); default: all-MiniLM-L6-v2 built in." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Lines embedded per model call.", DefaultValueFactory = _ => 32 };
        var command = new Command("embed", "Read one text per line on stdin and print one JSON array of floats (L2-normalised embedding) per line.");
        command.Add(model);
        command.Add(threads);
        command.Add(batch);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            MiniLmEmbeddingGenerator generator;
            try
            {
                generator = new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = r.GetValue(model), IntraOpThreads = r.GetValue(threads), BatchSize = r.GetValue(batch) });
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            using (generator)
            {
                var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
                var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
                var pending = new List<string>(r.GetValue(batch));
                while (true)
                {
                    var line = await stdin.ReadLineAsync(ct);
                    if (line is not null)
                    {
                        pending.Add(line);
                    }

                    if (pending.Count > 0 && (line is null || pending.Count >= r.GetValue(batch)))
                    {
                        foreach (var vector in generator.Embed(pending, ct))
                        {
                            await stdout.WriteLineAsync(ToJson(vector));
                        }

                        await stdout.FlushAsync(ct);
                        pending.Clear();
                    }

                    if (line is null)
                    {
                        break;
                    }
                }
            }

            return 0;
        });
        return command;
    }

    private static string ToJson(float[] vector)
    {
        var sb = new StringBuilder((vector.Length * 12) + 2).Append('[');
        for (var i = 0; i < vector.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(vector[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return sb.Append(']').ToString();
    }
}
