using System.Diagnostics;
using Agents.Server.Tests.Support;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests.OpenAI;

/// <summary>The official <c>openai</c> npm client (6.x, installed by <c>npm ci</c> in tests/Agents.Server.Tests/npm)
/// run with node against the running server: models, length cap, stream = non-stream, 400, 401, abort then healthy,
/// four concurrent streams, embeddings.</summary>
public sealed class NpmClientTests
{
    [Fact]
    public async Task OpenAINpmClient_AllChecksPass()
    {
        var node = ExternalTool.Require("node", "/usr/bin/node", "/usr/local/bin/node");
        var folder = ExternalTool.NpmFolder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")))
        {
            var message = $"The openai npm package is not installed in {folder} (run `npm ci` there).";
            throw TestAssets.IsCi ? new InvalidOperationException(message) : SkipException.ForMessage(message);
        }

        var tokens = Enumerable.Range(0, 24).Select(i => i == 0 ? "Once" : $" w{i}").ToArray();
        var fake = new FakeChatClient(tokens)
        {
            TokenDelay = TimeSpan.FromMilliseconds(5),
            ReplyFor = messages => messages[^1].Text == "long" ? Enumerable.Range(0, 2000).Select(i => $" x{i}").ToArray() : null,
        };
        await using var server = await RunningServer.StartWithFakesAsync(fake, o => { o.ApiKey = "npm-key"; o.MaxConcurrency = 8; });

        var start = new ProcessStartInfo(node, "client-test.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["BASE_URL"] = server.BaseUrl,
                ["API_KEY"] = "npm-key",
                ["CHAT_MODEL"] = "fake",
                ["EMBED_MODEL"] = "fake-embed",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("all ok", output, StringComparison.Ordinal);
        Assert.Contains(fake.TokensProduced, n => n > 0 && n < 2000);
    }
}
