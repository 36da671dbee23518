using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Agents.Benchmarks.Core;

/// <summary>A model that costs nothing: it streams pre-built chunks, alternating an action reply and, every Nth call, a final answer.</summary>
internal sealed class InstantChatClient(string[] actionChunks, string[] finalChunks, int stepsPerRun) : IChatClient
{
    private readonly ChatResponseUpdate[] _action = actionChunks.Select(c => new ChatResponseUpdate(ChatRole.Assistant, c)).ToArray();
    private readonly ChatResponseUpdate[] _final = finalChunks.Select(c => new ChatResponseUpdate(ChatRole.Assistant, c)).ToArray();
    private int _calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = ++_calls % stepsPerRun == 0 ? _final : _action;
        foreach (var update in reply)
        {
            yield return update;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
