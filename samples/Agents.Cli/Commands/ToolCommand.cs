using System.CommandLine;
using Agents.Cli.Commands.Tools;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents tool NAME [--recipe FILE] [JSON-ARGS]</c>: runs one tool as an agent would and prints one JSON line,
/// <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error":"…"}</c> (exit 1 on error). Without JSON-ARGS it reads
/// one JSON argument object per line from stdin and prints one result line each (exit 0 unless the process fails).
/// </summary>
internal static class ToolCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The tool: calculator, read_file, write_file, list_files, delete_file, search_files, web_search, fetch_page." };
        var args = new Argument<string?>("json-args")
        {
            Description = "The arguments as one JSON object, e.g. '{\"expression\":\"2^10\"}'. Omit to read one object per line from stdin.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var recipe = new Option<string?>("--recipe", "-r") { Description = "Take the tool's settings (file root, allowed hosts, limits) from this recipe. Default: no settings; files are rooted in the current directory." };

        var command = new Command("tool", "Run one tool with JSON arguments and print a JSON line (for scripting and debugging).");
        command.Add(name);
        command.Add(args);
        command.Add(recipe);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
            await ToolRunner.RunAsync(r.GetValue(name)!, r.GetValue(args), r.GetValue(recipe), Console.In, Console.Out, ct));
        return command;
    }
}
