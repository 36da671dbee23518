// Server benchmark: `dotnet run -c Release --project benchmarks/Agents.Benchmarks.Server -- [MODEL.gguf | --bandwidth] [tokens] [threads]`
// Starts the real server (Kestrel on 127.0.0.1) on a local GGUF model (--bandwidth: a 134M-parameter F16 random
// llama that the benchmark writes itself, memory-bandwidth bound), then measures
//  1. in-process streaming tokens/s (IChatClient directly) vs the same request over HTTP + SSE (one client), in
//     alternating pairs; the figure is the median of per-pair ratios, so machine drift moves both sides alike;
//  2. 1, 4 and 16 concurrent streaming clients: aggregate tokens/s, p50/p99 time to first token, errors, memory.
// Tokens are counted from the usage the server reports (stream_options.include_usage), not from text pieces.
// Prints Markdown tables for docs/PERFORMANCE.md.
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Agents.Benchmarks;
using Agents.Server.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var modelPath = args.Length == 0 ? BenchmarkModels.FindShared("models/stories260K.gguf")
    : args[0] == "--bandwidth" ? BenchmarkModels.RandomBandwidthModel() : args[0];
var maxTokens = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 128;
var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0;
const string Prompt = "Once upon a time";

var builder = AgentsServer.CreateBuilder(new AgentsServerOptions { Host = "127.0.0.1", Port = 0, MaxConcurrency = 16, RequestTimeout = TimeSpan.FromMinutes(10) });
builder.Logging.ClearProviders();
builder.Services.AddLocalModel("bench", o =>
{
    o.ModelPath = modelPath;
    o.ContextSize = 512;
    o.Threads = threads;
    o.MaxParallelConversations = 16;
});
builder.Services.AddServedModelName("bench", ServedModelKind.Chat);
await using var app = AgentsServer.Build(builder);
await app.StartAsync();
var baseUri = AgentsServer.GetAddress(app);
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
var chat = app.Services.GetRequiredKeyedService<IChatClient>("bench");
var options = new ChatOptions { Temperature = 0, MaxOutputTokens = maxTokens };

await InProcessAsync(); // warm-up: loads the model
await SseAsync(http);

var inProcess = new List<double>();
var sse = new List<double>();
var ratios = new List<double>();
for (var i = 0; i < 8; i++)
{
    double a, b;
    if (i % 2 == 0)
    {
        a = await InProcessAsync();
        b = await SseAsync(http);
    }
    else
    {
        b = await SseAsync(http);
        a = await InProcessAsync();
    }

    inProcess.Add(a);
    sse.Add(b);
    ratios.Add(b / a);
}

Console.WriteLine($"model: {Path.GetFileName(modelPath)}, max_tokens {maxTokens}, threads {(threads == 0 ? "default" : threads)}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
Console.WriteLine("| path | tokens/s end to end (median of 8, one client) | vs in-process (median of 8 per-pair ratios) |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| in-process IChatClient stream | {Median(inProcess):F1} | 1.00x |");
Console.WriteLine($"| HTTP + SSE (/v1/chat/completions) | {Median(sse):F1} | {Median(ratios):F3}x |");
Console.WriteLine($"per-pair ratios: {string.Join(" ", ratios.Select(r => r.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine();
Console.WriteLine("| clients | aggregate tokens/s | vs 1 client | TTFT p50 ms | TTFT p99 ms | errors | working set MB |");
Console.WriteLine("|---|---|---|---|---|---|---|");
double? single = null;
foreach (var clients in new[] { 1, 4, 16 })
{
    var results = new List<(double TtftMs, int Tokens, bool Error)>();
    var wall = Stopwatch.StartNew();
    var runs = Enumerable.Range(0, clients).Select(async _ =>
    {
        var mine = new List<(double, int, bool)>();
        for (var round = 0; round < 2; round++)
        {
            mine.Add(await StreamOnceAsync(http));
        }

        return mine;
    });
    foreach (var list in await Task.WhenAll(runs))
    {
        results.AddRange(list);
    }

    wall.Stop();
    var tokensPerSecond = results.Sum(r => r.Tokens) / wall.Elapsed.TotalSeconds;
    single ??= tokensPerSecond;
    var ttfts = results.Where(r => !r.Error).Select(r => r.TtftMs).Order().ToList();
    var memory = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
    Console.WriteLine($"| {clients} | {tokensPerSecond:F0} | {tokensPerSecond / single.Value:F2}x | {Percentile(ttfts, 0.5):F0} | {Percentile(ttfts, 0.99):F0} | {results.Count(r => r.Error)} | {memory:F0} |");
}

await app.StopAsync();
return 0;

async Task<double> InProcessAsync()
{
    long tokens = 0;
    var watch = Stopwatch.StartNew();
    await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Prompt)], options))
    {
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            tokens = usage.Details.OutputTokenCount ?? 0;
        }
    }

    return tokens / watch.Elapsed.TotalSeconds;
}

async Task<double> SseAsync(HttpClient client)
{
    var watch = Stopwatch.StartNew();
    var (_, tokens, _) = await StreamOnceAsync(client);
    return tokens / watch.Elapsed.TotalSeconds;
}

async Task<(double TtftMs, int Tokens, bool Error)> StreamOnceAsync(HttpClient client)
{
    var watch = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
    {
        Content = JsonContent.Create(new { model = "bench", stream = true, stream_options = new { include_usage = true }, temperature = 0, max_tokens = maxTokens, messages = new[] { new { role = "user", content = Prompt } } }),
    };
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    if (!response.IsSuccessStatusCode)
    {
        return (0, 0, true);
    }

    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    double ttft = -1;
    var tokens = 0;
    var pieces = 0;
    while (await reader.ReadLineAsync() is { } line)
    {
        if (!line.StartsWith("data: {", StringComparison.Ordinal))
        {
            continue;
        }

        using var doc = JsonDocument.Parse(line.AsMemory(6));
        if (doc.RootElement.TryGetProperty("error", out _))
        {
            return (ttft, tokens, true);
        }

        if (doc.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            tokens = usage.GetProperty("completion_tokens").GetInt32();
        }

        var choices = doc.RootElement.GetProperty("choices");
        if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var c) && c.GetString() is { Length: > 0 })
        {
            if (ttft < 0)
            {
                ttft = watch.Elapsed.TotalMilliseconds;
            }

            pieces++;
        }
    }

    // A stream without a usage chunk or without any text counts as an error, never as a fast run.
    return (ttft, tokens, tokens == 0 || pieces == 0);
}

static double Median(List<double> values) => Percentile(values.Order().ToList(), 0.5);

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
