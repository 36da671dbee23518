// Engine benchmark: decode and prompt tokens/s through LocalChatClient vs. a minimal direct llama_decode loop,
// same model, same process, alternating runs, medians. Usage:
//   dotnet run -c Release --project benchmarks/Agents.Benchmarks.Engine -- [--model PATH] [--tokens N] [--runs R] [--threads T]
//   ... -- --bandwidth   (writes a ~270 MB random-weight F16 llama model to the temp folder and measures on it)
//   ... -- --processes P (each path alone in its own process, P alternating pairs; median of per-pair ratios)
//   ... -- --batched 1,4,16 (N sequences per batch in the raw loop vs N concurrent LocalModel requests)
//   ... -- --only raw|engine (one path alone, for a profiler; with --batched, one path per process)
//   ... -- --batched 4 --one-short (the second of the concurrent requests ends early)
using System.Diagnostics;
using System.Globalization;
using Agents.Benchmarks;
using Agents.Benchmarks.Engine;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

var bandwidth = args.Contains("--bandwidth");
var model = Arg("--model") ?? (bandwidth ? BenchmarkModels.RandomBandwidthModel() : BenchmarkModels.FindShared("models/stories260K.gguf"));
var tokens = int.Parse(Arg("--tokens") ?? (bandwidth ? "48" : "200"), CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs") ?? (bandwidth ? "5" : "15"), CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads") ?? "1", CultureInfo.InvariantCulture);
const string DecodePrompt = "Once upon a time";
var longPrompt = string.Concat(Enumerable.Repeat("Once upon a time, there was a little girl named Lily. She loved to play outside in the park. ", 12));

Console.WriteLine($"model {Path.GetFileName(model)}, {tokens} tokens, {runs} runs, {threads} thread(s), {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var options = new LocalModelOptions { ModelPath = model, Threads = threads, MaxParallelConversations = 1, ContextSize = 1024, BatchSize = 512 };

if (Arg("--processes") is { } processCount)
{
    return await AlternateProcessesAsync(int.Parse(processCount, CultureInfo.InvariantCulture));
}

if (Arg("--batched") is { } batchedCounts)
{
    return await BatchedAsync(batchedCounts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray());
}

if (Arg("--only") is { } only)
{
    // One path alone, for a profiler: --only raw | --only engine.
    return await OnlyAsync(only);
}

// Where llama.cpp's buffers land in memory changes a bandwidth-bound model's speed by ±15% from one context to
// the next, whichever code drives it. So every run makes fresh contexts for both paths (alternating which comes
// first) and the figure is the median of per-run ratios: placement luck averages out, systematic overhead stays.
var rawDecode = new List<double>();
var rawPrompt = new List<double>();
var engineDecode = new List<double>();
var clientDecode = new List<double>();
var enginePrompt = new List<double>();
var engineRatio = new List<double>();
var clientRatio = new List<double>();
var rawCpu = new List<double>();
var engineCpu = new List<double>();
var identical = true;
for (var run = -1; run < runs; run++)
{
    RawLlamaLoop raw;
    LocalModel local;
    if (run % 2 == 0)
    {
        raw = new RawLlamaLoop(model, threads, 1024, 512);
        local = await LocalModel.LoadAsync(options);
    }
    else
    {
        local = await LocalModel.LoadAsync(options);
        raw = new RawLlamaLoop(model, threads, 1024, 512);
    }

    if (run < 0)
    {
        Console.WriteLine($"backend: {local.Backend}");
    }

    using (raw)
    using (local)
    {
        // One untimed pass each warms the new buffers (first-touch page faults) before the timed pass.
        raw.Run(DecodePrompt, 4);
        await EngineRunAsync(local, DecodePrompt, 4);
        // The engine's pass is bracketed by two raw passes; the raw figure is their mean, so a machine that
        // speeds up or slows down during the run moves both sides alike.
        var cpu0 = CpuTime();
        var r = raw.Run(DecodePrompt, tokens);
        var cpu1 = CpuTime();
        var e = await EngineRunAsync(local, DecodePrompt, tokens);
        var cpu2 = CpuTime();
        var r2 = raw.Run(DecodePrompt, tokens);
        var rp = raw.Run(longPrompt, 1);
        var ep = await EngineRunAsync(local, longPrompt, 1);
        identical &= e.Text == Detokenize(raw.Weights, r.Tokens);
        if (run < 0)
        {
            continue; // warm-up
        }

        var rawRun = (r.Generated + r2.Generated) / (r.DecodeSeconds + r2.DecodeSeconds);
        rawDecode.Add(rawRun);
        rawCpu.Add((cpu1 - cpu0) * 1e6 / r.Generated);
        engineCpu.Add((cpu2 - cpu1) * 1e6 / r.Generated);
        rawPrompt.Add(rp.Prompt / rp.PromptSeconds);
        engineDecode.Add(e.DecodeTps);
        clientDecode.Add(e.ClientTps);
        enginePrompt.Add(ep.PromptTps);
        engineRatio.Add(e.DecodeTps / rawRun);
        clientRatio.Add(e.ClientTps / ((r.Generated + r2.Generated) / (r.PromptSeconds + r.DecodeSeconds + r2.PromptSeconds + r2.DecodeSeconds)));
    }
}

var rawTps = Median(rawDecode);
Console.WriteLine($"greedy text identical (engine vs raw loop): {identical}");
Console.WriteLine("| path | decode tok/s (median) | µs/token | vs raw (median of per-run ratios) | prompt tok/s |");
Console.WriteLine("|---|---|---|---|---|");
Row("raw llama_decode loop", rawTps, Median(rawPrompt), 1);
Row("LocalModel scheduler (engine side)", Median(engineDecode), Median(enginePrompt), Median(engineRatio));
Row("LocalModel stream, end to end (what LocalChatClient streams, no template)", Median(clientDecode), double.NaN, Median(clientRatio));
Console.WriteLine($"per-run ratios, client/raw: {string.Join(" ", clientRatio.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"process CPU time per token (all threads, prompt included): raw {Median(rawCpu):F1} µs, engine+client {Median(engineCpu):F1} µs, difference {Median(engineCpu) - Median(rawCpu):F1} µs");
Console.WriteLine($"overhead per token (caller side, from the median ratio): {(1 / Median(clientRatio) - 1) * 1e6 / rawTps:F1} µs; engine side: {(1 / Median(engineRatio) - 1) * 1e6 / rawTps:F1} µs");
return 0;

void Row(string name, double tps, double promptTps, double ratio) =>
    Console.WriteLine($"| {name} | {tps:F0} | {1e6 / tps:F1} | {ratio:F3}× | {(double.IsNaN(promptTps) ? "" : promptTps.ToString("F0", CultureInfo.InvariantCulture))} |");

// Concurrent streams on one model: the raw loop with N sequences in one batch per step (llama.cpp's own scaling on
// this machine, the ceiling for any server) against N concurrent LocalModel requests. Aggregate tokens/s.
async Task<int> BatchedAsync(int[] counts)
{
    var most = counts.Max();
    // With --only raw|engine one path runs alone in this process (the other column reads NaN): a second llama.cpp
    // context in the same process changes the first one's speed.
    var only = Arg("--only");
    // --one-short: the engine's second request stops after a quarter of the tokens while the others go on (a
    // conversation that ends in the middle of the sequence ids).
    var oneShort = args.Contains("--one-short");
    using var raw = only == "engine" ? null : new RawLlamaLoop(model, threads, 256, 512, most);
    using var local = only == "raw" ? null : await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = model, Threads = threads, MaxParallelConversations = most, ContextSize = 256, BatchSize = 512 });
    Console.WriteLine("| sequences | raw batched loop tok/s (all sequences) | vs 1 | LocalModel, N concurrent requests tok/s | vs 1 | engine vs raw |");
    Console.WriteLine("|---|---|---|---|---|---|");
    double raw1 = 0, engine1 = 0;
    foreach (var n in counts)
    {
        var rawSpeeds = new List<double>();
        var engineSpeeds = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            var r = raw?.RunBatched(DecodePrompt, tokens, n);
            var watch = Stopwatch.StartNew();
            var results = local is null ? [] : await Task.WhenAll(Enumerable.Range(0, n).Select(i => EngineRunAsync(local, DecodePrompt, oneShort && i == 1 ? tokens / 4 : tokens)));
            var seconds = watch.Elapsed.TotalSeconds;
            if (run >= 0)
            {
                rawSpeeds.Add(r is { } b ? b.Generated / b.DecodeSeconds : double.NaN);
                engineSpeeds.Add(local is null ? double.NaN : results.Sum(x => x.Completion) / seconds);
            }
        }

        var rawTps = Median(rawSpeeds);
        var engineTps = Median(engineSpeeds);
        raw1 = n == counts[0] ? rawTps : raw1;
        engine1 = n == counts[0] ? engineTps : engine1;
        Console.WriteLine(FormattableString.Invariant($"| {n} | {rawTps:F1} | {rawTps / raw1:F2}x | {engineTps:F1} | {engineTps / engine1:F2}x | {engineTps / rawTps:F3}x |"));
    }

    return 0;
}

async Task<int> OnlyAsync(string path)
{
    using var raw = path == "raw" ? new RawLlamaLoop(model, threads, 1024, 512) : null;
    using var local = path == "engine" ? await LocalModel.LoadAsync(options) : null;
    if (raw is null && local is null)
    {
        Console.Error.WriteLine("--only takes raw or engine");
        return 2;
    }

    var speeds = new List<double>();
    var callerSpeeds = new List<double>();
    for (var run = -1; run < runs; run++)
    {
        var (engineTps, callerTps) = raw is not null
            ? raw.Run(DecodePrompt, tokens) is var r ? (r.Generated / r.DecodeSeconds, r.Generated / (r.PromptSeconds + r.DecodeSeconds)) : default
            : await EngineRunAsync(local!, DecodePrompt, tokens) is var e ? (e.DecodeTps, e.ClientTps) : default;
        if (run >= 0)
        {
            speeds.Add(engineTps);
            callerSpeeds.Add(callerTps);
        }
    }

    Console.WriteLine(FormattableString.Invariant($"{path}: {Median(speeds):F2} {Median(callerSpeeds):F2} tok/s (engine side, caller side; medians of {runs} runs)"));
    return 0;
}

// Each path in a process of its own (as llama-bench runs alone), alternating raw/engine pairs whose order flips
// each time; the figure is the median of the per-pair ratios.
async Task<int> AlternateProcessesAsync(int pairs)
{
    var self = Environment.ProcessPath!;
    var dll = typeof(RawLlamaLoop).Assembly.Location;
    var passOn = new[] { "--model", model, "--tokens", tokens.ToString(CultureInfo.InvariantCulture), "--runs", runs.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture) };
    var engineRatios = new List<double>();
    var callerRatios = new List<double>();
    var rawSpeeds = new List<double>();
    for (var pair = 0; pair < pairs; pair++)
    {
        var order = pair % 2 == 0 ? new[] { "raw", "engine" } : new[] { "engine", "raw" };
        var results = new Dictionary<string, (double Engine, double Caller)>();
        foreach (var path in order)
        {
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(dll);
            }

            foreach (var a in passOn.Concat(["--only", path]))
            {
                start.ArgumentList.Add(a);
            }

            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            var lines = (await child.StandardOutput.ReadToEndAsync()).Split('\n');
            await child.WaitForExitAsync();
            _ = await stderr;
            var line = lines.Single(l => l.StartsWith(path + ": ", StringComparison.Ordinal)).Split(' ');
            results[path] = (double.Parse(line[1], CultureInfo.InvariantCulture), double.Parse(line[2], CultureInfo.InvariantCulture));
        }

        var rawTps = results["raw"].Engine;
        rawSpeeds.Add(rawTps);
        engineRatios.Add(results["engine"].Engine / rawTps);
        callerRatios.Add(results["engine"].Caller / results["raw"].Caller);
        Console.WriteLine(FormattableString.Invariant($"pair {pair + 1} ({order[0]} first): decode raw {rawTps:F1} tok/s, engine {results["engine"].Engine:F1} ({engineRatios[^1]:F3}x); end to end raw {results["raw"].Caller:F1}, caller {results["engine"].Caller:F1} ({callerRatios[^1]:F3}x)"));
    }

    var rawMedian = Median(rawSpeeds);
    Console.WriteLine(FormattableString.Invariant($"raw loop median {rawMedian:F1} tok/s ({1e6 / rawMedian:F0} µs/token)"));
    Console.WriteLine(FormattableString.Invariant($"engine side {Median(engineRatios):F3}x, caller side end to end (LocalModel stream) {Median(callerRatios):F3}x of the raw loop: medians of {pairs} per-pair ratios; engine side {(1 / Median(engineRatios) - 1) * 1e6 / rawMedian:F1} µs/token above it"));
    return 0;
}

static async Task<(string Text, double DecodeTps, double PromptTps, double ClientTps, long Completion)> EngineRunAsync(LocalModel model, string prompt, int max)
{
    var text = new System.Text.StringBuilder();
    var start = Stopwatch.GetTimestamp();
    ChatResponseUpdate? final = null;
    await foreach (var update in model.GenerateStreamingAsync(prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = max }))
    {
        if (update.FinishReason is not null)
        {
            final = update;
            continue;
        }

        text.Append(update.Text);
    }

    // Caller side, end to end: from the call to the final update, prompt included, as the caller sees it.
    var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
    var props = final!.AdditionalProperties!;
    var completion = final.Contents.OfType<UsageContent>().Single().Details.OutputTokenCount!.Value;
    var clientTps = completion / elapsed;
    return (text.ToString(), (double)props["decode_tokens_per_second"]!, (double)props["prompt_tokens_per_second"]!, clientTps, completion);
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
