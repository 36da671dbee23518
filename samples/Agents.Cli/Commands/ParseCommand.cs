using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agents.Core.Actions;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents parse [--format auto|react|json|xml|bracket]</c>: reads one model reply on stdin and prints one JSON line:
/// <c>{"kind":"action","tool":…,"input":…}</c> (input a string, a JSON value, or null), <c>{"kind":"final","answer":…}</c>
/// or <c>{"kind":"error","message":…}</c>. Exit 0 in all three cases.
/// </summary>
internal static class ParseCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var format = new Option<ActionFormat>("--format", "-f") { Description = "The action format to read.", DefaultValueFactory = _ => ActionFormat.Auto };
        var noInput = new Option<string[]>("--no-input-tool") { Description = "A tool that takes no input (its 'Action:' line alone is an action). Repeatable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("parse", "Parse model output from stdin as an action, a final answer or an error (one JSON line).");
        command.Add(format);
        command.Add(noInput);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var text = await Console.In.ReadToEndAsync(ct);
            await Console.Out.WriteLineAsync(Render(text, r.GetValue(format), r.GetValue(noInput) ?? []));
            return 0;
        });
        return command;
    }

    public static string Render(string text, ActionFormat format, IEnumerable<string> toolsWithoutInput)
    {
        var options = new ActionParserOptions { Format = format, ToolsWithoutInput = toolsWithoutInput.ToHashSet(StringComparer.OrdinalIgnoreCase) };
        var result = ActionParser.Parse(text, options);
        var line = result.Kind switch
        {
            ActionParseKind.Action => new JsonObject { ["kind"] = "action", ["tool"] = result.Tool, ["input"] = result.InputValue },
            ActionParseKind.FinalAnswer => new JsonObject { ["kind"] = "final", ["answer"] = result.Answer },
            _ => new JsonObject { ["kind"] = "error", ["message"] = result.Error },
        };
        return line.ToJsonString(Json);
    }
}
