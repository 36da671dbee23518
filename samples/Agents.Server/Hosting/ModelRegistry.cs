using Agents.Server.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.Hosting;

/// <summary>The names the server answers to and the keyed services behind them.</summary>
public sealed class ModelRegistry
{
    private readonly IServiceProvider _services;

    /// <summary>Creates the registry from every registered <see cref="ServedModel"/>.</summary>
    public ModelRegistry(IEnumerable<ServedModel> models, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(models);
        _services = services;
        Models = models.GroupBy(m => (m.Id, m.Kind)).Select(g => g.First()).ToList();
    }

    /// <summary>Every served name, in registration order.</summary>
    public IReadOnlyList<ServedModel> Models { get; }

    /// <summary>The chat client served as <paramref name="model"/>, or a 400 naming the choices.</summary>
    public IChatClient GetChatClient(string? model)
    {
        var name = Resolve(model, ServedModelKind.Chat);
        return _services.GetKeyedService<IChatClient>(name)
            ?? throw new OpenAIRequestException(400, $"Model '{name}' is listed but no IChatClient is registered under that key.", "invalid_request_error", "model_not_found", "model");
    }

    /// <summary>The embedding generator served as <paramref name="model"/>, or a 400 naming the choices.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string? model)
    {
        var name = Resolve(model, ServedModelKind.Embedding);
        return _services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(name)
            ?? throw new OpenAIRequestException(400, $"Model '{name}' is listed but no embedding generator is registered under that key.", "invalid_request_error", "model_not_found", "model");
    }

    /// <summary>Checks that <paramref name="model"/> is served as <paramref name="kind"/>; an empty name picks the only one.</summary>
    public string Resolve(string? model, ServedModelKind kind)
    {
        var candidates = Models.Where(m => m.Kind == kind).Select(m => m.Id).ToList();
        if (string.IsNullOrEmpty(model))
        {
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            throw new OpenAIRequestException(400, "you must provide a model parameter", "invalid_request_error", "missing_required_parameter", "model");
        }

        if (candidates.Contains(model, StringComparer.Ordinal))
        {
            return model;
        }

        var served = candidates.Count == 0 ? "none" : string.Join(", ", candidates);
        throw new OpenAIRequestException(400, $"The model '{model}' does not exist or is not served as a {kind.ToString().ToUpperInvariant()} model here (served: {served}).", "invalid_request_error", "model_not_found", "model");
    }
}
