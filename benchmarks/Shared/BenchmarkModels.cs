namespace Agents.Benchmarks;

/// <summary>Model files the benchmarks write or find for themselves (compiled into each benchmark that needs them).</summary>
internal static class BenchmarkModels
{
    /// <summary>
    /// A memory-bandwidth-bound model: 12 layers × 768 wide, FFN 2048, the Llama-2 32k vocabulary — 134M parameters,
    /// ~270 MB in F16, random weights. Written once into the temp folder and reused.
    /// </summary>
    public static string RandomBandwidthModel()
    {
        var path = Path.Combine(Path.GetTempPath(), "agents-bench-llama-random-134M-f16.gguf");
        if (!File.Exists(path))
        {
            Console.WriteLine($"writing {path} ...");
            Agents.Models.Gguf.TinyModelFactory.WriteLlama(path + ".tmp", 12, 768, 12, 12, 2048, FindShared("models/llama-2-tiny-random.gguf"), seed: 1, Agents.Models.Gguf.GgmlType.F16);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        return path;
    }

    /// <summary>A file under the test assets: <c>AGENTS_TEST_ASSETS</c>, or a <c>shared/</c> folder above the benchmark.</summary>
    public static string FindShared(string relative)
    {
        var env = Environment.GetEnvironmentVariable("AGENTS_TEST_ASSETS");
        if (env is not null && File.Exists(Path.Combine(env, relative)))
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

        throw new FileNotFoundException($"{relative} not found under AGENTS_TEST_ASSETS or a shared/ folder above {AppContext.BaseDirectory}; pass a model path.");
    }
}
