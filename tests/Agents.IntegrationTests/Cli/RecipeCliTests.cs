using Agents.TestSupport;

namespace Agents.IntegrationTests.Cli;

/// <summary>The agent commands of the built <c>agents</c> CLI on the real engine (stories260K, grammar-forced actions).</summary>
public sealed class RecipeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agents-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteRecipe()
    {
        var path = Path.Combine(_dir, "calc.yaml");
        File.WriteAllText(path, $$"""
            name: calc
            model:
              path: {{TestAssets.Stories260K}}
              sampling: {temperature: 0.7, max_tokens: 64, seed: 5}
            tools: [calculator]
            limits: {max_steps: 2, max_consecutive_errors: 2}
            action_format: react
            grammar: true
            """);
        return path;
    }

    [Fact]
    public async Task ChatRecipe_TwoSessions_ConversationPersistsAcrossRestarts()
    {
        var recipe = WriteRecipe();
        var env = new Dictionary<string, string> { ["AGENTS_HOME"] = Path.Combine(_dir, "home") };

        var first = await AgentsCli.RunAsync(["chat", "--recipe", recipe], "What is 2+2?\n/exit\n", env);
        if (first is null)
        {
            return;
        }

        Assert.True(first.Value.ExitCode == 0, first.Value.Stderr);
        Assert.Contains("(0 earlier steps)", first.Value.Stdout, StringComparison.Ordinal);
        Assert.Contains("[stopped:", first.Value.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "home", "conversations", "calc.json")));

        var second = await AgentsCli.RunAsync(["chat", "--recipe", recipe], "/reset\n/exit\n", env);
        Assert.True(second!.Value.ExitCode == 0, second.Value.Stderr);
        Assert.DoesNotContain("(0 earlier steps)", second.Value.Stdout, StringComparison.Ordinal);
        Assert.Contains("conversation cleared", second.Value.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "home", "conversations", "calc.json")));
    }

    [Fact]
    public async Task RecipeCheck_UnknownTool_ExitsOneWithPosition()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(path, $"name: bad\nmodel:\n  path: {TestAssets.Stories260K}\ntools:\n  - calculator\n  - shell\n");

        var result = await AgentsCli.RunAsync(["recipe", "check", path], null);
        if (result is null)
        {
            return;
        }

        Assert.Equal(1, result.Value.ExitCode);
        Assert.Contains("bad.yaml:6:5", result.Value.Stdout + result.Value.Stderr, StringComparison.Ordinal);
        Assert.Contains("unknown tool 'shell'", result.Value.Stdout + result.Value.Stderr, StringComparison.Ordinal);
    }
}
