using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Agents.TestSupport;

/// <summary>
/// A hand-written fake <see cref="IChatClient"/> that streams scripted replies one chunk at a time.
/// Each call takes the next reply from the script; each reply is split into the given chunks (or into
/// single characters when given as one string). It records the messages it was sent and how many chunks
/// each stream produced before the caller stopped reading, so tests can assert "not one token after".
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<IReadOnlyList<string>> _replies = new();
    private readonly object _gate = new();

    /// <summary>Creates a client whose replies are streamed character by character.</summary>
    public ScriptedChatClient(params string[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply.Select(c => c.ToString()).ToArray());
        }
    }

    /// <summary>Creates a client whose replies are streamed in the given chunks.</summary>
    public ScriptedChatClient(IEnumerable<IReadOnlyList<string>> chunkedReplies)
    {
        foreach (var reply in chunkedReplies)
        {
            _replies.Enqueue(reply);
        }
    }

    /// <summary>Every message list this client was called with, in order.</summary>
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>Options passed with each call, in order.</summary>
    public List<ChatOptions?> OptionsSeen { get; } = [];

    /// <summary>For each streaming call, how many chunks were produced (pulled by the caller).</summary>
    public List<int> ChunksProduced { get; } = [];

    /// <summary>Delay between chunks, to imitate a model decoding.</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Adds another reply (streamed character by character).</summary>
    public void Enqueue(string reply)
    {
        lock (_gate)
        {
            _replies.Enqueue(reply.Select(c => c.ToString()).ToArray());
        }
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> reply;
        int index;
        lock (_gate)
        {
            Calls.Add(messages.ToList());
            OptionsSeen.Add(options);
            if (_replies.Count == 0)
            {
                throw new InvalidOperationException($"ScriptedChatClient: no scripted reply left for call {Calls.Count}.");
            }

            reply = _replies.Dequeue();
            ChunksProduced.Add(0);
            index = ChunksProduced.Count - 1;
        }

        var stops = options?.StopSequences ?? [];
        var text = string.Empty;
        foreach (var chunk in reply)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                ChunksProduced[index]++;
            }

            text += chunk;
            var stopAt = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (stopAt >= 0)
            {
                var previousLength = text.Length - chunk.Length;
                var emit = stopAt > previousLength ? text[previousLength..stopAt] : string.Empty;
                if (emit.Length > 0)
                {
                    yield return new ChatResponseUpdate(ChatRole.Assistant, emit);
                }

                yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
                yield break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose() { }
}
