using System.Text;
using System.Text.Json;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands.Engine;

/// <summary>Streams generated text to stdout, or prints the <c>--json</c> summary object.</summary>
internal static class GenerationPrinter
{
    public static async Task<int> RunAsync(IAsyncEnumerable<ChatResponseUpdate> stream, bool json, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        AdditionalPropertiesDictionary? speeds = null;
        var stdout = Console.Out;
        try
        {
            await foreach (var update in stream.WithCancellation(cancellationToken))
            {
                var piece = update.Text;
                if (piece.Length > 0)
                {
                    text.Append(piece);
                    if (!json)
                    {
                        await stdout.WriteAsync(piece);
                        await stdout.FlushAsync(cancellationToken);
                    }
                }

                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
                finish = update.FinishReason ?? finish;
                speeds = update.FinishReason is not null ? update.AdditionalProperties : speeds;
            }
        }
        catch (ContextOverflowException ex)
        {
            await Console.Error.WriteLineAsync($"error: prompt: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("agents: stopped");
            return 130;
        }

        if (!json)
        {
            await stdout.WriteLineAsync();
            return 0;
        }

        await using var output = Console.OpenStandardOutput();
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("text", text.ToString());
        writer.WriteNumber("prompt_tokens", usage?.InputTokenCount ?? 0);
        writer.WriteNumber("completion_tokens", usage?.OutputTokenCount ?? 0);
        writer.WriteString("finish_reason", finish?.Value ?? "unknown");
        writer.WriteNumber("prompt_tokens_per_second", Math.Round(Speed(speeds, "prompt_tokens_per_second"), 2));
        writer.WriteNumber("decode_tokens_per_second", Math.Round(Speed(speeds, "decode_tokens_per_second"), 2));
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return 0;
    }

    private static double Speed(AdditionalPropertiesDictionary? properties, string key)
        => properties is not null && properties.TryGetValue(key, out var value) && value is double d ? d : 0;
}
