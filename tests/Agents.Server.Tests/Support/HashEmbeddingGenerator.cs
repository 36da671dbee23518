using Microsoft.Extensions.AI;

namespace Agents.Server.Tests.Support;

/// <summary>Deterministic 8-dimensional embeddings from the characters of the text (equal text, equal vector).</summary>
public sealed class HashEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 8;

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < text.Length; i++)
        {
            vector[i % Dimensions] += (text[i] % 31) / 31f;
        }

        vector[0] += text.Length;
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
