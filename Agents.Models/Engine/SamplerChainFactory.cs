using System.Globalization;
using System.Text.Json;
using Agents.Models.Grammars;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>
/// Builds llama.cpp's native sampler chain from <see cref="ChatOptions"/>: grammar, penalties, then either
/// greedy (temperature 0) or top-k → top-p → min-p → temperature → seeded distribution (llama.cpp's order).
/// A fresh chain per request, so grammar state never leaks from one run into the next.
/// </summary>
internal static class SamplerChainFactory
{
    /// <summary>Key in <see cref="ChatOptions.AdditionalProperties"/> for a GBNF grammar string.</summary>
    public const string GrammarKey = "grammar";

    /// <summary>Key for llama.cpp's repeat penalty (1 = off).</summary>
    public const string RepeatPenaltyKey = "repeat_penalty";

    /// <summary>Key for how many recent tokens the penalties look at.</summary>
    public const string RepeatLastNKey = "repeat_last_n";

    /// <summary>Key for min-p sampling (0 = off).</summary>
    public const string MinPKey = "min_p";

    public const float DefaultTemperature = 0.8f;

    public static TokenSampler Create(SafeLlamaModelHandle model, ChatOptions? options, uint? defaultSeed)
    {
        var props = options?.AdditionalProperties;
        var grammar = props is not null && props.TryGetValue(GrammarKey, out var g) ? AsString(g) : null;
        if (grammar is null && options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            grammar = JsonSchemaGrammar.FromSchema(schema);
        }

        var temperature = options?.Temperature ?? DefaultTemperature;
        var repeat = GetFloat(props, RepeatPenaltyKey) ?? 1f;
        var lastN = (int)(GetFloat(props, RepeatLastNKey) ?? 64);
        var frequency = options?.FrequencyPenalty ?? 0f;
        var presence = options?.PresencePenalty ?? 0f;
        var seed = options?.Seed is { } s ? unchecked((uint)s) : defaultSeed ?? 0xFFFFFFFF;

        if (grammar is not null)
        {
            GrammarCheck.Validate(model, grammar);
        }

        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            if (grammar is not null)
            {
                chain.AddGrammar(model.Vocab, grammar, "root");
            }

            if (repeat != 1f || frequency != 0f || presence != 0f)
            {
                chain.AddPenalties(lastN, repeat, frequency, presence);
            }

            if (temperature <= 0f)
            {
                chain.AddGreedySampler();
                return new TokenSampler(chain, grammar is not null);
            }

            var topK = options?.TopK ?? 40;
            if (topK > 0)
            {
                chain.AddTopK(topK);
            }

            chain.AddTopP(options?.TopP ?? 0.95f, 1);
            var minP = GetFloat(props, MinPKey) ?? 0.05f;
            if (minP > 0f)
            {
                chain.AddMinP(minP, 1);
            }

            chain.AddTemperature(temperature);
            chain.AddDistributionSampler(seed);
            return new TokenSampler(chain, grammar is not null);
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static float? GetFloat(AdditionalPropertiesDictionary? props, string key)
    {
        if (props is null || !props.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            float f => f,
            double d => (float)d,
            int i => i,
            long l => l,
            decimal m => (float)m,
            string s when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetSingle(),
            _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{key}\"] must be a number, not {value.GetType().Name}."),
        };
    }
}
