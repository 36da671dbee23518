using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>Which llama.cpp native library the process loaded and what it does with a model.</summary>
/// <param name="Backend">Short name: <c>CPU</c>, <c>CUDA</c>, <c>Vulkan</c> or <c>unknown</c>.</param>
/// <param name="AvxLevel">The CPU instruction set the CPU library was built for (e.g. <c>Avx2</c>, <c>Avx512</c>, <c>None</c>).</param>
/// <param name="GpuLayersOffloaded">Layers llama.cpp placed on a GPU for this model.</param>
/// <param name="LayerCount">Layers in the model.</param>
public sealed record NativeBackendInfo(string Backend, string AvxLevel, int GpuLayersOffloaded, int LayerCount)
{
    /// <summary>One line for the user, e.g. <c>llama.cpp CPU (AVX2), 0/5 layers on GPU</c>.</summary>
    public override string ToString() => $"llama.cpp {Backend} ({AvxLevel}), {GpuLayersOffloaded}/{LayerCount} layers on GPU";

    internal static NativeBackendInfo Detect(int layerCount, int requestedGpuLayers, IReadOnlyList<string> loadLog)
    {
        var meta = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama)?.Metadata;
        var backend = meta is null ? "unknown" : meta.UseCuda ? "CUDA" : meta.UseVulkan ? "Vulkan" : "CPU";
        var avx = meta?.AvxLevel.ToString() ?? "unknown";
        var offloaded = ParseOffloaded(loadLog) ?? (backend is "CUDA" or "Vulkan" ? Math.Min(requestedGpuLayers, layerCount + 1) : 0);
        return new NativeBackendInfo(backend, avx, offloaded, layerCount);
    }

    private static int? ParseOffloaded(IReadOnlyList<string> lines)
    {
        // llama.cpp: "load_tensors: offloaded 3/6 layers to GPU"
        foreach (var line in lines)
        {
            var at = line.IndexOf("offloaded ", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = line.AsSpan(at + "offloaded ".Length);
            var slash = rest.IndexOf('/');
            if (slash > 0 && int.TryParse(rest[..slash], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }

        return null;
    }
}
