using System.CommandLine;
using System.Globalization;
using Agents.Models.Engine;

namespace Agents.Cli.Commands.Engine;

/// <summary>The model options shared by <c>generate</c> and <c>chat</c>, and loading with one-line errors.</summary>
internal sealed class ModelCliOptions(bool modelRequired = true)
{
    public Option<string> Model { get; } = new("--model", "-m") { Description = "A GGUF file path, or a model reference (hf:owner/repo/file.gguf or an https:// URL) pulled into the cache on first use.", Required = modelRequired };

    public Option<int> Threads { get; } = new("--threads", "-t") { Description = "CPU threads (0 = llama.cpp default).", DefaultValueFactory = _ => 0 };

    public Option<int> ContextSize { get; } = new("--ctx-size", "-c") { Description = "Context size in tokens (0 = the model's, at most 4096).", DefaultValueFactory = _ => 0 };

    public Option<int> GpuLayers { get; } = new("--gpu-layers", "-ngl") { Description = "Layers to offload to a GPU (needs a CUDA/Vulkan backend).", DefaultValueFactory = _ => 0 };

    public Option<string[]> Lora { get; } = new("--lora") { Description = "LoRA adapter PATH[:SCALE]; repeat for several.", AllowMultipleArgumentsPerToken = false };

    public Option<string?> Template { get; } = new("--template") { Description = "Chat template name (default: the GGUF's own template)." };

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Threads);
        command.Add(ContextSize);
        command.Add(GpuLayers);
        command.Add(Lora);
        command.Add(Template);
    }

    public LocalModelOptions Build(ParseResult result, int parallel)
    {
        var options = new LocalModelOptions
        {
            ModelPath = result.GetValue(Model)!,
            Threads = result.GetValue(Threads),
            ContextSize = result.GetValue(ContextSize),
            GpuLayerCount = result.GetValue(GpuLayers),
            ChatTemplate = result.GetValue(Template),
            MaxParallelConversations = parallel,
        };

        foreach (var spec in result.GetValue(Lora) ?? [])
        {
            options.LoraAdapters.Add(ParseLora(spec));
        }

        return options;
    }

    /// <summary>Loads the model, reporting the backend on stderr; on failure prints <c>error: FILE: REASON</c> and returns null.</summary>
    public static async Task<LocalModel?> LoadAsync(LocalModelOptions options, CancellationToken cancellationToken)
    {
        try
        {
            options.ModelPath = await Store.ModelLocator.LocateAsync(options.ModelPath, cancellationToken);
            options.Validate();
            if (!string.IsNullOrWhiteSpace(options.ChatTemplate))
            {
                Agents.Models.Templates.ChatTemplateResolver.Resolve(options.ChatTemplate, null); // unknown names fail here, before loading
            }

            var model = await LocalModel.LoadAsync(options, null, cancellationToken);
            await Console.Error.WriteLineAsync(Describe(model));
            return model;
        }
        catch (ModelLoadException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Path}: {ex.Reason}");
            return null;
        }
        catch (Exception ex) when (ex is Agents.Models.Store.ModelDownloadException or Agents.Models.Store.InvalidModelReferenceException or Agents.Models.Store.ModelHashMismatchException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return null;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary>The load report printed on stderr: model, architecture, context and the native backend that ran it.</summary>
    public static string Describe(LocalModel model) =>
        $"agents: loaded {model.ModelId} ({model.Architecture}, context {model.ContextSize}) on {model.Backend}";

    private static LoraAdapterOptions ParseLora(string spec)
    {
        var colon = spec.LastIndexOf(':');
        if (colon > 0 && float.TryParse(spec[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale))
        {
            return new LoraAdapterOptions(spec[..colon], scale);
        }

        return new LoraAdapterOptions(spec);
    }
}
