using System.CommandLine;

namespace Agents.Cli;

/// <summary>Every sub-command of <c>agents</c>, one line each; each command lives in its own file under Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        // One line per command: yield return XxxCommand.Create();
        yield return Commands.GenerateCommand.Create();
        yield return Commands.ChatCommand.Create();
        yield return Commands.PullCommand.Create();
        yield return Commands.ModelsCommand.Create();
        yield return Commands.ToolCommand.Create();
        yield return Commands.RunCommand.Create();
        yield return Commands.RecipeCommand.Create();
        yield return Commands.ParseCommand.Create();
        yield return Commands.EmbedCommand.Create();
        yield return Commands.MemoryCommand.Create();
        yield return Commands.QuantizeCommand.Create();
        yield return Commands.ServeCommand.Create();
        yield break;
    }
}
