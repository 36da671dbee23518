using System.Globalization;
using System.Text.Json;
using Agents.Core.Actions;
using Agents.Core.Loop;

namespace Agents.Core.Tools;

/// <summary>Runs one parsed action against a <see cref="ToolBox"/>: unknown tools, bad arguments, failures and time-outs become error observations.</summary>
internal static class ToolInvoker
{
    public static async Task<ToolOutcome> InvokeAsync(ToolBox tools, ActionParseResult action, AgentLimits limits, CancellationToken cancellationToken)
    {
        var tool = tools.Find(action.Tool ?? string.Empty);
        if (tool is null)
        {
            var names = tools.Tools.Count == 0 ? "none: give the Final Answer" : string.Join(", ", tools.Tools.Select(t => t.Name));
            return new($"Error: there is no tool named '{action.Tool}'. The tools are: {names}.", true);
        }

        var (arguments, error) = ToolBox.Bind(tool, action.Input, action.Arguments);
        if (error is not null)
        {
            return new("Error: " + error, true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.ToolTimeout);
        object? result;
        try
        {
            result = await tool.InvokeAsync(arguments, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new($"Error: tool '{tool.Name}' did not finish within {limits.ToolTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new($"Error: tool '{tool.Name}' failed: {ex.Message} Check the input and try again, or use another tool.", true);
        }

        var text = result switch
        {
            null => "(no output)",
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
            JsonElement e => e.GetRawText(),
            _ => JsonSerializer.Serialize(result, AIJsonOptions),
        };
        if (text.Length > limits.MaxObservationChars)
        {
            text = text[..limits.MaxObservationChars] + $"… [cut at {limits.MaxObservationChars} characters]";
        }

        return new(text, false);
    }

    private static JsonSerializerOptions AIJsonOptions => Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions;
}
