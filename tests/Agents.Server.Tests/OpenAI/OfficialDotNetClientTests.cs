using System.ClientModel;
using Agents.Server.Tests.Support;
using global::OpenAI;
using global::OpenAI.Chat;
using global::OpenAI.Embeddings;

namespace Agents.Server.Tests.OpenAI;

/// <summary>The official OpenAI .NET client (OpenAI 2.15) against the running server.</summary>
public sealed class OfficialDotNetClientTests
{
    private const string Key = "test-key";

    private static OpenAIClientOptions Options(RunningServer server) => new() { Endpoint = new Uri(server.BaseUrl + "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30) };

    private static ChatClient Chat(RunningServer server, string model = "fake", string key = Key) => new(model, new ApiKeyCredential(key), Options(server));

    [Fact]
    public async Task CompleteChat_NonStreaming_TextFinishReasonAndUsage()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ApiKey = Key);

        ChatCompletion completion = await Chat(server).CompleteChatAsync([new SystemChatMessage("be brief"), new UserChatMessage("tell a story")], new ChatCompletionOptions { MaxOutputTokenCount = 4 });

        Assert.Equal("Once upon a time", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(4, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + 4, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_SameTextAsNonStreaming_RoleFirstUsageLast()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ApiKey = Key);
        var client = Chat(server);
        ChatCompletion whole = await client.CompleteChatAsync([new UserChatMessage("hi")]);

        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")], new ChatCompletionOptions()))
        {
            updates.Add(update);
        }

        Assert.Equal(whole.Content[0].Text, string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text)));
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.All(updates.Skip(1), u => Assert.Null(u.Role));
        Assert.Single(updates.Select(u => u.CompletionId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
        Assert.NotNull(updates[^1].Usage);
        Assert.Equal(whole.Usage.OutputTokenCount, updates[^1].Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Errors_UnknownModelIs400_WrongKeyIs401_OverflowIs400()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ApiKey = Key);

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => Chat(server, model: "missing").CompleteChatAsync([new UserChatMessage("hi")]));
        var badKey = await Assert.ThrowsAsync<ClientResultException>(() => Chat(server, key: "wrong").CompleteChatAsync([new UserChatMessage("hi")]));
        var overflow = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in Chat(server).CompleteChatStreamingAsync([new UserChatMessage("OVERFLOW")], new ChatCompletionOptions()))
            {
            }
        });

        Assert.Equal(400, unknown.Status);
        Assert.Contains("missing", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(401, badKey.Status);
        Assert.Equal(400, overflow.Status);
        Assert.Contains("context_length_exceeded", overflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_AbortMidStream_ServerStopsGenerating()
    {
        var tokens = Enumerable.Range(0, 1000).Select(i => $" w{i}").ToArray();
        var fake = new FakeChatClient(tokens) { TokenDelay = TimeSpan.FromMilliseconds(10) };
        await using var server = await RunningServer.StartWithFakesAsync(fake, o => o.ApiKey = Key);
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Chat(server).CompleteChatStreamingAsync([new UserChatMessage("go")], new ChatCompletionOptions(), cts.Token))
            {
                if (update.ContentUpdate.Count > 0 && ++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        await fake.CancellationSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(fake.TokensProduced[0] < tokens.Length);
        fake.Tokens = ["still", " alive"];
        ChatCompletion after = await Chat(server).CompleteChatAsync([new UserChatMessage("again")]);
        Assert.Equal("still alive", after.Content[0].Text);
    }

    [Fact]
    public async Task GenerateEmbeddings_ReturnsServerVectors()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ApiKey = Key);
        var client = new EmbeddingClient("fake-embed", new ApiKeyCredential(Key), Options(server));

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["one", "two"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(HashEmbeddingGenerator.Embed("two"), embeddings[1].ToFloats().ToArray());
    }
}
