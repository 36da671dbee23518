namespace Agents.Models.Engine;

/// <summary>How a GGUF model is loaded and run. Defaults are safe for a CPU-only PC.</summary>
public sealed class LocalModelOptions
{
    /// <summary>Path of the GGUF file (required).</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Context window of one conversation in tokens; 0 = the model's trained context, at most 4096.</summary>
    public int ContextSize { get; set; }

    /// <summary>
    /// How many conversations decode at the same time on this model (llama.cpp sequences); more wait for a free
    /// slot. The KV cache holds <see cref="ContextSize"/> × this many tokens. Default 2. An encoder-decoder model
    /// (T5, ChatYuan) always runs one conversation at a time: llama.cpp keeps one encoder output per context.
    /// </summary>
    public int MaxParallelConversations { get; set; } = 2;

    /// <summary>CPU threads for decoding; 0 = llama.cpp's default.</summary>
    public int Threads { get; set; }

    /// <summary>Tokens per llama_decode call during prompt processing. Default 512.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Layers offloaded to a GPU (needs a CUDA/Vulkan backend). Default 0: CPU only (LLamaSharp's own default is 20).</summary>
    public int GpuLayerCount { get; set; }

    /// <summary>Default sampling seed when a request sets none; null = random.</summary>
    public uint? Seed { get; set; }

    /// <summary>Memory-map the file instead of reading it into RAM. Default true.</summary>
    public bool UseMemoryMap { get; set; } = true;

    /// <summary>
    /// LoRA adapters applied at load time, with their scales. Each is checked against the model first: the same
    /// <c>general.architecture</c> and lora_a/lora_b shapes that fit the base tensors, else <see cref="ModelLoadException"/>.
    /// </summary>
    public IList<LoraAdapterOptions> LoraAdapters { get; private set; } = new List<LoraAdapterOptions>();

    /// <summary>Chat template name (see <c>ChatTemplateResolver</c>); null = the template stored in the GGUF file.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>What the chat client does when a conversation outgrows the context. Default: throw.</summary>
    public ContextOverflowPolicy ContextOverflow { get; set; } = ContextOverflowPolicy.Throw;

    /// <summary>Returns a copy of these options.</summary>
    public LocalModelOptions Clone()
    {
        var copy = (LocalModelOptions)MemberwiseClone();
        copy.LoraAdapters = new List<LoraAdapterOptions>(LoraAdapters);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("LocalModelOptions.ModelPath is required.", nameof(ModelPath));
        }

        Check(ContextSize >= 0, nameof(ContextSize), "must be >= 0");
        Check(MaxParallelConversations is >= 1 and <= 256, nameof(MaxParallelConversations), "must be 1..256");
        Check(Threads >= 0, nameof(Threads), "must be >= 0");
        Check(BatchSize is >= 1 and <= 65536, nameof(BatchSize), "must be 1..65536");
        Check(GpuLayerCount >= 0, nameof(GpuLayerCount), "must be >= 0");
        foreach (var lora in LoraAdapters)
        {
            Check(lora is not null && !string.IsNullOrWhiteSpace(lora.Path), nameof(LoraAdapters), "entries need a path");
        }
    }

    internal string CacheKey()
    {
        var full = Path.GetFullPath(ModelPath);
        var loras = string.Join(";", LoraAdapters.Select(l => $"{Path.GetFullPath(l.Path)}@{l.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        return $"{full}|{ContextSize}|{MaxParallelConversations}|{Threads}|{BatchSize}|{GpuLayerCount}|{UseMemoryMap}|{Seed}|{loras}";
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"LocalModelOptions.{name} {message}.", name);
        }
    }
}
