using System.CommandLine;
using Agents.Cli;

var root = new RootCommand("agents: local LLMs and tool-using agents on your own PC.");
foreach (var command in CommandCatalog.All())
{
    root.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
