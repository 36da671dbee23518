using System.Text.Json;
using Agents.Models.Tests.Families;
using Agents.TestSupport;

namespace Agents.Models.Tests.Engine;

/// <summary>Runs the built <c>agents</c> command (samples/Agents.Cli) as a user would.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Generate_GreedyJson_PrintsReferenceTextAndCounts()
    {
        var result = await RunAsync("generate", "--model", TestAssets.Stories260K, "--prompt", "Once upon a time", "--temperature", "0", "--max-tokens", "64", "--threads", "1", "--json");
        if (result is null)
        {
            return;
        }

        Assert.Equal(0, result.Value.ExitCode);
        using var json = JsonDocument.Parse(result.Value.Stdout);
        var root = json.RootElement;
        Assert.Equal(EngineTestModels.Reference64, root.GetProperty("text").GetString());
        Assert.Equal(64, root.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, root.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal("length", root.GetProperty("finish_reason").GetString());
        Assert.True(root.GetProperty("decode_tokens_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("prompt_tokens_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task Generate_Streaming_StdoutHoldsOnlyTheGeneratedText()
    {
        var result = await RunAsync("generate", "-m", TestAssets.Stories260K, "-p", "Once upon a time", "--temperature", "0", "-n", "64", "-t", "1");
        if (result is null)
        {
            return;
        }

        Assert.Equal(0, result.Value.ExitCode);
        Assert.Equal(EngineTestModels.Reference64 + "\n", result.Value.Stdout);
        Assert.Contains("CPU", result.Value.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ScriptedSession_AnswersResetsAndExits()
    {
        var result = await RunAsync(["chat", "-m", TestAssets.Stories260K, "--temperature", "0", "-n", "12", "-t", "1"], "Once upon a time\n/reset\nThe dog\n/exit\n");
        if (result is null)
        {
            return;
        }

        Assert.Equal(0, result.Value.ExitCode);
        Assert.Contains("(history cleared)", result.Value.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, result.Value.Stdout.Split("> ").Length - 1); // one prompt before each input line
    }

    [Fact]
    public async Task Generate_T5Model_PrintsEncodeThenDecodeReferenceTextAndCounts()
    {
        var dir = Directory.CreateTempSubdirectory("agents-cli-t5-").FullName;
        try
        {
            var path = Path.Combine(dir, "tiny-t5.gguf");
            FamilyModels.Write("t5", path, TestAssets.Stories260K);
            var expected = TestEngine.GenerateEncoderDecoder(path, "Once upon a time", 8, addSpecial: true);

            var result = await RunAsync("generate", "--model", path, "--prompt", "Once upon a time", "--temperature", "0", "--max-tokens", "8", "--threads", "1", "--json");
            if (result is null)
            {
                return;
            }

            Assert.Equal(0, result.Value.ExitCode);
            using var json = JsonDocument.Parse(result.Value.Stdout);
            var root = json.RootElement;
            Assert.Equal(expected, root.GetProperty("text").GetString());
            Assert.Equal(8, root.GetProperty("completion_tokens").GetInt32());
            Assert.Equal("length", root.GetProperty("finish_reason").GetString());
            Assert.Contains("t5", result.Value.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Chat_T5Model_AnswersEveryTurn()
    {
        var dir = Directory.CreateTempSubdirectory("agents-cli-t5-").FullName;
        try
        {
            var path = Path.Combine(dir, "tiny-chatyuan.gguf");
            FamilyModels.Write("t5", path, TestAssets.Stories260K);

            var result = await RunAsync(["chat", "-m", path, "--temperature", "0", "-n", "6", "-t", "1"], "你好\nOnce upon a time\n/exit\n");
            if (result is null)
            {
                return;
            }

            Assert.Equal(0, result.Value.ExitCode);
            Assert.Equal(3, result.Value.Stdout.Split("> ").Length - 1);
            Assert.DoesNotContain("error", result.Value.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("missing", "file not found")]
    [InlineData("random", "not a GGUF file")]
    [InlineData("truncated", "truncated file")]
    public async Task Generate_BadModelFile_PrintsOneErrorLineAndExitsWithOne(string kind, string reason)
    {
        var dir = Directory.CreateTempSubdirectory("agents-cli-").FullName;
        try
        {
            var path = Path.Combine(dir, kind + ".gguf");
            if (kind == "random")
            {
                File.WriteAllBytes(path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
            }
            else if (kind == "truncated")
            {
                var bytes = File.ReadAllBytes(TestAssets.Stories260K);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
            }

            var result = await RunAsync("generate", "--model", path, "--prompt", "hi");
            if (result is null)
            {
                return;
            }

            Assert.Equal(1, result.Value.ExitCode);
            Assert.Equal(string.Empty, result.Value.Stdout);
            var line = Assert.Single(result.Value.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {path}: {reason}", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)?> RunAsync(params string[] args) => AgentsCli.RunAsync(args, null);

    private static Task<(int ExitCode, string Stdout, string Stderr)?> RunAsync(string[] args, string? input) => AgentsCli.RunAsync(args, input);
}
