using Agents.Models.Engine;
using Agents.Models.Tests.Engine;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Families;

/// <summary>
/// An encoder-decoder (T5) model through <see cref="LocalModel"/> and <see cref="LocalChatClient"/>: llama_encode on
/// the prompt, decoding from the decoder start token, one conversation at a time, and the same options, counts,
/// finish reasons and errors as a decoder-only model. The tiny random T5 file is written by the test.
/// </summary>
public sealed class EncoderDecoderTests : IDisposable
{
    private const string Prompt = "Once upon a time";
    private readonly string _dir = Directory.CreateTempSubdirectory("t5-engine-").FullName;
    private readonly List<LocalModel> _models = [];

    public void Dispose()
    {
        foreach (var model in _models)
        {
            model.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task GenerateStreaming_Greedy_EqualsEncodeThenDecodeReference()
    {
        // GenerateStreamingAsync tokenizes as llama.cpp does (here the llama vocabulary adds BOS); the bare tokens agree too.
        var path = Write("tiny-t5");
        var expected = TestEngine.GenerateEncoderDecoder(path, Prompt, 8, addSpecial: true);
        var expectedBare = TestEngine.GenerateEncoderDecoder(path, Prompt, 8);
        var model = await LoadAsync(path);

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(8)));
        var (bare, _) = await EngineTestModels.CollectAsync(model.GenerateCoreAsync(model.TokenizeCore(Prompt, false, true), EngineTestModels.Greedy(8), []));

        Assert.False(string.IsNullOrEmpty(text));
        Assert.Equal(expected, text);
        Assert.Equal(expectedBare, bare);
        Assert.NotEqual(expected, expectedBare);
        var usage = EngineTestModels.Usage(updates);
        Assert.Equal(model.Tokenize(Prompt).Count, usage.InputTokenCount);
        Assert.Equal(8, usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, EngineTestModels.Finish(updates));
    }

    [Fact]
    public async Task Load_EncoderDecoderModel_RunsOneConversationAtATime()
    {
        var model = await LoadAsync(Write("tiny-t5"), parallel: 4);

        Assert.True(model.IsEncoderDecoder);
        Assert.Equal(1, model.MaxParallelConversations);
        Assert.Equal(4, model.Options.MaxParallelConversations);
    }

    [Fact]
    public async Task GenerateStreaming_TwoConcurrentRequests_BothCompleteWithSequentialText()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        string[] prompts = ["Once upon a time", "The little dog"];
        var sequential = new List<string>();
        foreach (var prompt in prompts)
        {
            sequential.Add((await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(prompt, EngineTestModels.Greedy(16)))).Text);
        }

        var concurrent = await Task.WhenAll(prompts.Select(p => Task.Run(async () =>
            (await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(p, EngineTestModels.Greedy(16)))).Text)));

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public async Task GenerateStreaming_StopSequence_EndsBeforeItWithStop()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        var (full, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(12)));
        var stop = full.Substring(full.Length / 2, 2);
        var options = EngineTestModels.Greedy(12);
        options.StopSequences = [stop];

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, options));

        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], text);
        Assert.Equal(ChatFinishReason.Stop, EngineTestModels.Finish(updates));
    }

    [Fact]
    public async Task GenerateStreaming_Grammar_ConstrainsOutput()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        var options = EngineTestModels.Greedy(10);
        options.AdditionalProperties = new() { ["grammar"] = "root ::= \"yes\" | \"no\"" };

        var (text, updates) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, options));

        Assert.Contains(text, new[] { "yes", "no" });
        Assert.Equal(ChatFinishReason.Stop, EngineTestModels.Finish(updates));
    }

    [Fact]
    public async Task GenerateStreaming_SameSeedAndTemperature_SameText()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        ChatOptions Sampled() => new() { Temperature = 1.0f, Seed = 7, MaxOutputTokens = 12 };

        var (first, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, Sampled()));
        var (second, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, Sampled()));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GenerateStreaming_Cancelled_ThrowsAndTheNextRequestRuns()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        var (expected, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(8)));
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(400), cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        var (again, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(8)));
        Assert.Equal(expected, again);
    }

    [Fact]
    public async Task GenerateStreaming_PromptLongerThanContext_ThrowsContextOverflowAndModelStillWorks()
    {
        var model = await LoadAsync(Write("tiny-t5"), contextSize: 32);
        var longPrompt = string.Join(' ', Enumerable.Repeat("Once upon a time there was a dog.", 20));

        var ex = await Assert.ThrowsAsync<ContextOverflowException>(() => EngineTestModels.CollectAsync(model.GenerateStreamingAsync(longPrompt, EngineTestModels.Greedy(4))));

        Assert.Equal(32, ex.ContextSize);
        var (text, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync(Prompt, EngineTestModels.Greedy(4)));
        Assert.False(string.IsNullOrEmpty(text));
    }

    [Fact]
    public async Task LocalChatClient_StreamingAndNonStreaming_SameGreedyText()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        using var client = new LocalChatClient(model);
        ChatMessage[] messages = [new(ChatRole.User, Prompt)];

        var response = await client.GetResponseAsync(messages, EngineTestModels.Greedy(8));
        var (streamed, _) = await EngineTestModels.CollectAsync(client.GetStreamingResponseAsync(messages, EngineTestModels.Greedy(8)));

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(response.Text, streamed);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task LocalChatClient_ChatYuanModelWithoutGgufTemplate_UsesChatYuanFormat()
    {
        var model = await LoadAsync(Write("tiny-chatyuan"));
        using var client = new LocalChatClient(model);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "你好")], EngineTestModels.Greedy(8));
        var (raw, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("用户：你好\n小元：", EngineTestModels.Greedy(8)));

        Assert.Equal("chatyuan", model.DefaultTemplateName);
        Assert.Equal(raw, response.Text);
    }

    [Fact]
    public async Task LocalChatClient_PlainT5WithNamedTemplate_UsesTheNamedTemplate()
    {
        var model = await LoadAsync(Write("tiny-t5"));
        using var named = new LocalChatClient(model, "chatyuan");

        var response = await named.GetResponseAsync([new ChatMessage(ChatRole.User, "你好")], EngineTestModels.Greedy(8));
        var (raw, _) = await EngineTestModels.CollectAsync(model.GenerateStreamingAsync("用户：你好\n小元：", EngineTestModels.Greedy(8)));

        Assert.Null(model.DefaultTemplateName);
        Assert.Equal(raw, response.Text);
    }

    private string Write(string name)
    {
        var path = Path.Combine(_dir, name + ".gguf");
        FamilyModels.Write("t5", path, TestAssets.Stories260K);
        return path;
    }

    private async Task<LocalModel> LoadAsync(string path, int parallel = 2, int contextSize = 128)
    {
        var model = await LocalModel.LoadAsync(new LocalModelOptions { ModelPath = path, ContextSize = contextSize, Threads = 1, MaxParallelConversations = parallel });
        _models.Add(model);
        return model;
    }
}
