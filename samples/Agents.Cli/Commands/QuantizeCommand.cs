using System.CommandLine;
using System.Globalization;
using Agents.Models.Gguf;
using Agents.Models.Quantization;

namespace Agents.Cli.Commands;

/// <summary><c>agents quantize IN.gguf OUT.gguf --type TYPE</c>: quantizes a model with a progress bar on stderr.</summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The F32/F16/BF16 GGUF model." };
        var output = new Argument<string>("output") { Description = "The quantized GGUF file to write." };
        var type = new Option<string>("--type", "-t")
        {
            Description = $"Quantization type: {string.Join(", ", QuantizationType.All.Select(t => t.Name))}.",
            Required = true,
        };
        var threads = new Option<int>("--threads") { Description = "Threads for llama.cpp (0: its default).", DefaultValueFactory = _ => 0 };
        var requantize = new Option<bool>("--allow-requantize") { Description = "Allow an input that is already quantized." };

        var command = new Command("quantize", "Quantize a GGUF model (f16, q8_0, q4_0, q4_k_m, q5_k_m, q6_k, ...).");
        command.Add(input);
        command.Add(output);
        command.Add(type);
        command.Add(threads);
        command.Add(requantize);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            string inPath = r.GetValue(input)!;
            string outPath = r.GetValue(output)!;
            try
            {
                var header = GgufFile.Read(inPath);
                Console.Error.WriteLine($"{Path.GetFileName(inPath)}: {header.Architecture ?? "?"}, {header.Quantization}, {header.Tensors.Count} tensors -> {r.GetValue(type)}");
                var bar = new Bar();
                var result = await ModelQuantizer.QuantizeAsync(inPath, outPath, r.GetValue(type)!, r.GetValue(threads), r.GetValue(requantize), bar, ct);
                Draw(new QuantizationProgress(result.OutputBytes, result.OutputBytes, result.Elapsed));
                Console.Error.WriteLine();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {outPath}: {Mb(result.InputBytes)} -> {Mb(result.OutputBytes)} ({(double)result.OutputBytes / result.InputBytes:P0}) in {result.Elapsed.TotalSeconds:F1} s"));
                return 0;
            }
            catch (Exception ex) when (ex is QuantizationException or GgufFormatException or FileNotFoundException or ArgumentException or IOException)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine($"error: {ex.Message}");
                return ex is ArgumentException ? 2 : 1;
            }
        });
        return command;
    }

    private static void Draw(QuantizationProgress p)
    {
        const int width = 30;
        int filled = (int)(p.Fraction * width);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', width - filled)}] {p.Fraction,4:P0} {Mb(p.BytesWritten)} / ~{Mb(p.ExpectedBytes)} {p.Elapsed.TotalSeconds,5:F1} s"));
    }

    // Draws on the reporting thread, in order (Progress<T> would post to the thread pool and reorder).
    private sealed class Bar : IProgress<QuantizationProgress>
    {
        private readonly Lock _gate = new();

        public void Report(QuantizationProgress value)
        {
            lock (_gate)
            {
                Draw(value);
            }
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");
}
