// Engine benchmark: decode and prompt tokens/s through LocalChatClient vs. a minimal direct llama_decode loop,
// same model, same process, alternating runs, medians. Usage:
//   dotnet run -c Release --project benchmarks/Agents.Benchmarks.Engine -- [--model PATH] [--tokens N] [--runs R] [--threads T]
//   ... -- --bandwidth   (writes a ~270 MB random-weight F16 llama model to the temp folder and measures on it)
using System.Diagnostics;
using System.Globalization;
using Agents.Benchmarks.Engine;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

var bandwidth = args.Contains("--bandwidth");
var model = Arg("--model") ?? (bandwidth ? RandomModel() : FindShared("models/stories260K.gguf"));
var tokens = int.Parse(Arg("--tokens") ?? (bandwidth ? "48" : "200"), CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs") ?? (bandwidth ? "5" : "15"), CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads") ?? "1", CultureInfo.InvariantCulture);
const string DecodePrompt = "Once upon a time";
var longPrompt = string.Concat(Enumerable.Repeat("Once upon a time, there was a little girl named Lily. She loved to play outside in the park. ", 12));

Console.WriteLine($"model {Path.GetFileName(model)}, {tokens} tokens, {runs} runs, {threads} thread(s), {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
using var raw = new RawLlamaLoop(model, threads, 1024, 512);
var local = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = model, Threads = threads, MaxParallelConversations = 1, ContextSize = 1024, BatchSize = 512 });
using var client = new LocalChatClient(local);
Console.WriteLine($"backend: {local.Backend}");

var rawDecode = new List<double>();
var rawPrompt = new List<double>();
var engineDecode = new List<double>();
var clientDecode = new List<double>();
var enginePrompt = new List<double>();
var rawCpu = new List<double>();
var engineCpu = new List<double>();
var identical = true;
for (var run = -1; run < runs; run++)
{
    var cpu0 = CpuTime();
    var r = raw.Run(DecodePrompt, tokens);
    var cpu1 = CpuTime();
    var rp = raw.Run(longPrompt, 1);
    var cpu2 = CpuTime();
    var e = await EngineRunAsync(local, DecodePrompt, tokens);
    var cpu3 = CpuTime();
    var ep = await EngineRunAsync(local, longPrompt, 1);
    identical &= e.Text == Detokenize(raw.Weights, r.Tokens);
    if (run < 0)
    {
        continue; // warm-up
    }

    rawDecode.Add(r.Generated / r.DecodeSeconds);
    rawCpu.Add((cpu1 - cpu0) * 1e6 / r.Generated);
    engineCpu.Add((cpu3 - cpu2) * 1e6 / r.Generated);
    rawPrompt.Add(rp.Prompt / rp.PromptSeconds);
    engineDecode.Add(e.DecodeTps);
    clientDecode.Add(e.ClientTps);
    enginePrompt.Add(ep.PromptTps);
}

var rawTps = Median(rawDecode);
Console.WriteLine($"greedy text identical (engine vs raw loop): {identical}");
Console.WriteLine("| path | decode tok/s | µs/token | vs raw | prompt tok/s |");
Console.WriteLine("|---|---|---|---|---|");
Row("raw llama_decode loop", rawTps, Median(rawPrompt));
Row("LocalModel scheduler (engine side)", Median(engineDecode), Median(enginePrompt));
Row("LocalChatClient stream (caller side)", Median(clientDecode), double.NaN);
Console.WriteLine($"process CPU time per token (all threads, prompt included): raw {Median(rawCpu):F1} µs, engine+client {Median(engineCpu):F1} µs, difference {Median(engineCpu) - Median(rawCpu):F1} µs");
Console.WriteLine($"overhead per token (caller side): {1e6 / Median(clientDecode) - 1e6 / rawTps:F1} µs; engine side: {1e6 / Median(engineDecode) - 1e6 / rawTps:F1} µs");
return 0;

void Row(string name, double tps, double promptTps) =>
    Console.WriteLine($"| {name} | {tps:F0} | {1e6 / tps:F1} | {tps / rawTps:F3}× | {(double.IsNaN(promptTps) ? "" : promptTps.ToString("F0", CultureInfo.InvariantCulture))} |");

static async Task<(string Text, double DecodeTps, double PromptTps, double ClientTps)> EngineRunAsync(LocalModel model, string prompt, int max)
{
    var text = new System.Text.StringBuilder();
    long first = 0, last = 0;
    var pieces = 0;
    ChatResponseUpdate? final = null;
    await foreach (var update in model.GenerateStreamingAsync(prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = max }))
    {
        if (update.FinishReason is not null)
        {
            final = update;
            continue;
        }

        last = Stopwatch.GetTimestamp();
        first = first == 0 ? last : first;
        pieces++;
        text.Append(update.Text);
    }

    var props = final!.AdditionalProperties!;
    var clientTps = pieces > 1 ? (pieces - 1) / Stopwatch.GetElapsedTime(first, last).TotalSeconds : 0;
    return (text.ToString(), (double)props["decode_tokens_per_second"]!, (double)props["prompt_tokens_per_second"]!, clientTps);
}

static string Detokenize(LLama.LLamaWeights weights, List<int> tokens)
{
    var bytes = new List<byte>();
    var buffer = new byte[256];
    foreach (var t in tokens)
    {
        var n = (int)weights.NativeHandle.TokenToSpan(t, buffer);
        bytes.AddRange(buffer.AsSpan(0, n).ToArray());
    }

    return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
}

static string RandomModel()
{
    // 12 layers × 768 wide, FFN 2048, the Llama-2 32k vocabulary: 134M parameters, ~270 MB in F16 — memory-bandwidth bound.
    var path = Path.Combine(Path.GetTempPath(), "agents-bench-llama-random-134M-f16.gguf");
    if (!File.Exists(path))
    {
        Console.WriteLine($"writing {path} ...");
        Agents.Models.Gguf.TinyModelFactory.WriteLlama(path + ".tmp", 12, 768, 12, 12, 2048, FindShared("models/llama-2-tiny-random.gguf"), seed: 1, Agents.Models.Gguf.GgmlType.F16);
        File.Move(path + ".tmp", path);
    }

    return path;
}

static double CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindShared(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"{relative} not found in a shared/ folder above {AppContext.BaseDirectory}; pass --model PATH.");
}
