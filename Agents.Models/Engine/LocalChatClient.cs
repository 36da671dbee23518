using System.Runtime.CompilerServices;
using Agents.Models.Templates;
using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>
/// A local GGUF model as a Microsoft.Extensions.AI <see cref="IChatClient"/>: the conversation is rendered with
/// the model's chat template (the GGUF's own, or a named one), decoded in-process through llama.cpp, and streamed
/// token by token. Honours MaxOutputTokens, Temperature (0 = greedy), TopP, TopK, Seed, StopSequences,
/// FrequencyPenalty, PresencePenalty, ResponseFormat (JSON schema → grammar) and, in AdditionalProperties,
/// <c>grammar</c> (GBNF), <c>repeat_penalty</c>, <c>repeat_last_n</c>, <c>min_p</c>. Tools are not called by this
/// client: wrap it with <c>UseTextToolCalling()</c> from Agents.Core (a required tool mode throws
/// <see cref="NotSupportedException"/>). LoRA adapters are per model (<see cref="LocalModelOptions.LoraAdapters"/>):
/// all conversations of a model share one llama.cpp context, so adapters cannot differ per conversation.
/// Encoder-decoder models (T5, ChatYuan) work the same way, one conversation at a time per model (see
/// <see cref="LocalModel.IsEncoderDecoder"/>); a ChatYuan model without a GGUF template gets the <c>chatyuan</c> template.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    private readonly LocalModelOptions? options;
    private readonly string? templateName;
    private readonly ContextOverflowPolicy overflow;
    private LocalModel? model;

    /// <summary>
    /// Uses an already loaded model; <paramref name="templateName"/> and <paramref name="overflow"/> override the
    /// model options' <see cref="LocalModelOptions.ChatTemplate"/> and <see cref="LocalModelOptions.ContextOverflow"/>.
    /// </summary>
    public LocalChatClient(LocalModel model, string? templateName = null, ContextOverflowPolicy? overflow = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.templateName = templateName ?? model.Options.ChatTemplate;
        this.overflow = overflow ?? model.Options.ContextOverflow;
        Metadata = new ChatClientMetadata("llama.cpp", null, model.ModelId);
    }

    /// <summary>Loads the model on first use (once per process, shared with every client of the same options).</summary>
    public LocalChatClient(LocalModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options.Clone();
        templateName = options.ChatTemplate;
        overflow = options.ContextOverflow;
        Metadata = new ChatClientMetadata("llama.cpp", null, Path.GetFileNameWithoutExtension(options.ModelPath));
    }

    /// <summary>Provider name and model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>Returns the loaded model, loading it first when this client was made from options.</summary>
    public async Task<LocalModel> GetModelAsync(IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        if (model is { } loaded)
        {
            return loaded;
        }

        loaded = await LocalModel.LoadAsync(options!, progress, cancellationToken).ConfigureAwait(false);
        model = loaded;
        return loaded;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ToolMode is RequiredChatToolMode && options.Tools is { Count: > 0 })
        {
            // With ToolMode auto a plain-text answer is a valid reply; a required tool call cannot be honoured here.
            throw new NotSupportedException("LocalChatClient does not call tools itself; add UseTextToolCalling() (Agents.Core) to the chat client pipeline to give a local model tools.");
        }

        var loaded = await GetModelAsync(null, cancellationToken).ConfigureAwait(false);
        var template = ChatTemplateResolver.Resolve(TemplateNameFor(loaded), loaded.ChatTemplate);
        var prompt = PromptBuilder.Build(loaded, template, messages, options, overflow);
        await foreach (var update in loaded.GenerateCoreAsync(prompt, options, template.StopSequences, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>The named template, else (when the GGUF has no recognised template) the model's default, e.g. <c>chatyuan</c>.</summary>
    private string? TemplateNameFor(LocalModel loaded)
    {
        if (!string.IsNullOrWhiteSpace(templateName) || loaded.DefaultTemplateName is not { } fallback)
        {
            return templateName;
        }

        return string.IsNullOrWhiteSpace(loaded.ChatTemplate) || ChatTemplateDetector.Detect(loaded.ChatTemplate) is null ? fallback : null;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        if (serviceType == typeof(LocalModel))
        {
            return model;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to free: the model belongs to the process cache (dispose the <see cref="LocalModel"/> to unload it).</summary>
    public void Dispose()
    {
    }
}
