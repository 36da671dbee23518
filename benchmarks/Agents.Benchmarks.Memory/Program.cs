// Usage: dotnet run -c Release --project benchmarks/Agents.Benchmarks.Memory -- [embed|embed-profile|exact|hnsw|storage|all] [--hnsw-n N] [--hnsw-max-build-s S] [--sentences FILE] [--padding-overhead TOKENS]
// Prints Markdown table rows for docs/PERFORMANCE.md.
using System.Diagnostics;
using System.Globalization;
using Agents.Benchmarks.Memory;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var sentences = Arg("--sentences") ?? FindShared("data/minilm/bench-sentences-1000.txt");
var hnswMaxBuild = double.Parse(Arg("--hnsw-max-build-s") ?? "1200", CultureInfo.InvariantCulture);
var hnswSizes = (Arg("--hnsw-n") ?? "100000").Split(',').Select(int.Parse).ToArray();

Console.WriteLine($"# Memory benchmarks  {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, .NET {Environment.Version}");
var total = Stopwatch.StartNew();
if (mode is "embed" or "all")
{
    EmbeddingBench.Run(sentences, Arg("--padding-overhead") is { } overhead ? int.Parse(overhead, CultureInfo.InvariantCulture) : null);
}

if (mode is "embed-profile")
{
    EmbeddingProfile.Run(sentences);
}

if (mode is "exact" or "all")
{
    SearchBench.Exact(100_000, 384);
}

if (mode is "storage" or "all")
{
    SearchBench.Storage(20_000, 384);
}

if (mode is "hnsw" or "all")
{
    foreach (var n in hnswSizes)
    {
        SearchBench.Hnsw(n, 384, hnswMaxBuild);
    }
}

Console.WriteLine($"(total {total.Elapsed.TotalSeconds:0} s)");

static string FindShared(string relative)
{
    var env = Environment.GetEnvironmentVariable("AGENTS_TEST_ASSETS");
    if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, relative)))
    {
        return Path.Combine(env, relative);
    }

    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"{relative} not found (set AGENTS_TEST_ASSETS or pass --sentences).");
}
