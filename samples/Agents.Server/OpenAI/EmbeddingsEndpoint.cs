using System.Runtime.InteropServices;
using System.Text.Json;
using Agents.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.OpenAI;

/// <summary><c>POST /v1/embeddings</c>: strings in, float vectors out (<c>encoding_format</c> float or base64 —
/// the npm client asks for base64 by default).</summary>
public static class EmbeddingsEndpoint
{
    /// <summary>Handles one request.</summary>
    public static Task HandleAsync(HttpContext context) => OpenAIEndpoint.HandleAsync(context, async () =>
    {
        var options = context.RequestServices.GetRequiredService<AgentsServerOptions>();
        using var document = await RequestBody.ReadJsonObjectAsync(context, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var root = document.RootElement;
        var inputs = ParseInput(root, options.MaxEmbeddingInputs);
        var format = ChatRequestParser.OptionalString(root, "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw OpenAIRequestException.BadField("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        }

        var generationOptions = new EmbeddingGenerationOptions();
        if (root.TryGetProperty("dimensions", out var dims) && dims.ValueKind != JsonValueKind.Null)
        {
            generationOptions.Dimensions = dims.ValueKind == JsonValueKind.Number && dims.TryGetInt32(out var d) && d > 0
                ? d : throw OpenAIRequestException.BadField("dimensions", "'dimensions' must be a positive integer.");
        }

        var registry = context.RequestServices.GetRequiredService<ModelRegistry>();
        var model = registry.Resolve(ChatRequestParser.OptionalString(root, "model"), ServedModelKind.Embedding);
        var generator = registry.GetEmbeddingGenerator(model);
        using var scope = GenerationScope.Enter(context);
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await generator.GenerateAsync(inputs, generationOptions, scope.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!scope.ClientGone)
        {
            throw StreamingDriver.ToRequestError(ex, scope);
        }

        var promptTokens = embeddings.Usage?.InputTokenCount ?? inputs.Sum(i => Math.Max(1, (i.Length + 3) / 4));
        var json = ChatJson.Write(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < embeddings.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                var vector = embeddings[i].Vector.Span;
                if (format == "base64")
                {
                    w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        w.WriteNumberValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("total_tokens", promptTokens);
            w.WriteEndObject();
        });
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    });

    private static List<string> ParseInput(JsonElement root, int maxInputs)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            throw new OpenAIRequestException(400, "Missing required parameter: 'input'.", "invalid_request_error", "missing_required_parameter", "input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0 || input.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw OpenAIRequestException.BadField("input", "'input' must be a string or a non-empty array of strings (token arrays are not supported).");
        }

        if (input.GetArrayLength() > maxInputs)
        {
            throw OpenAIRequestException.BadField("input", $"'input' has {input.GetArrayLength()} items; this server accepts at most {maxInputs}.");
        }

        return input.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
