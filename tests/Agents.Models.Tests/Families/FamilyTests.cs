using Agents.Models.Engine;
using Agents.Models.Gguf;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Families;

/// <summary>
/// Every family our users name runs: a tiny random-weight GGUF per architecture is written by the test, loaded,
/// and generates, straight on LLamaSharp (<see cref="TestEngine"/>; T5 through llama_encode then decoding from the
/// decoder start token) and through <see cref="LocalChatClient"/>, T5 included (see also <see cref="EncoderDecoderTests"/>).
/// </summary>
public sealed class FamilyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h7-family-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string architecture)
    {
        string path = Path.Combine(_dir, $"tiny-{architecture}.gguf");
        FamilyModels.Write(architecture, path, TestAssets.Stories260K);
        Assert.Equal(architecture, GgufFile.Read(path).Architecture);
        return path;
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gptneox")]
    [InlineData("rwkv6")]
    [InlineData("chatglm")]
    [InlineData("t5")]
    public void TinyRandomModel_LoadsAndGeneratesDeterministically(string architecture)
    {
        string path = Write(architecture);
        Func<string> run = architecture == "t5"
            ? () => TestEngine.GenerateEncoderDecoder(path, "Once upon a time", 8)
            : () => TestEngine.Generate(path, "Once upon a time", 8);
        string first = run();
        Assert.False(string.IsNullOrEmpty(first));
        Assert.Equal(first, run());
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gptneox")]
    [InlineData("rwkv6")]
    [InlineData("chatglm")]
    [InlineData("t5")]
    public async Task LocalChatClient_TinyRandomModel_Generates(string architecture)
    {
        string path = Write(architecture);
        using var client = new LocalChatClient(new LocalModelOptions { ModelPath = path, ContextSize = 256, Threads = 1, MaxParallelConversations = 1 });
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Once upon a time")],
            new ChatOptions { MaxOutputTokens = 8, Temperature = 0 });
        Assert.False(string.IsNullOrEmpty(response.Text));
    }
}
