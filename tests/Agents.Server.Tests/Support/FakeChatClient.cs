using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests.Support;

/// <summary>A deterministic streaming fake: answers with a fixed list of tokens, honours MaxOutputTokens (finish
/// reason Length) and stop strings, reports usage, records options and how far each generation got.
/// A last user message containing "OVERFLOW" throws a context overflow before the first token.</summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private int _active;

    public FakeChatClient(params string[] tokens) => Tokens = tokens.Length > 0 ? tokens : ["Once", " upon", " a", " time", " there", " was", " a", " little", " fox", "."];

    public IReadOnlyList<string> Tokens { get; set; }

    public TimeSpan TokenDelay { get; set; }

    /// <summary>Optional reply chooser per conversation; falls back to <see cref="Tokens"/> when it returns null.</summary>
    public Func<IReadOnlyList<ChatMessage>, IReadOnlyList<string>?>? ReplyFor { get; set; }

    public List<ChatOptions?> OptionsSeen { get; } = [];

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>Tokens produced by each generation (how far it got before the caller stopped or it ended).</summary>
    public List<int> TokensProduced { get; } = [];

    public int Cancelled { get; private set; }

    public int MaxActive { get; private set; }

    /// <summary>Completes when a generation observes cancellation.</summary>
    public TaskCompletionSource CancellationSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, each generation waits at its first token until this many generations are running.</summary>
    public int RendezvousCount { get; set; }

    private TaskCompletionSource _rendezvous = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        int index;
        lock (_gate)
        {
            Calls.Add(list);
            OptionsSeen.Add(options);
            TokensProduced.Add(0);
            index = TokensProduced.Count - 1;
            _active++;
            MaxActive = Math.Max(MaxActive, _active);
            if (RendezvousCount > 0 && _active >= RendezvousCount)
            {
                _rendezvous.TrySetResult();
            }
        }

        try
        {
            if (list.LastOrDefault(m => m.Role == ChatRole.User)?.Text.Contains("OVERFLOW", StringComparison.Ordinal) == true)
            {
                throw new FakeContextOverflowException("The prompt needs 9000 tokens but the context holds 2048.");
            }

            if (RendezvousCount > 0)
            {
                await _rendezvous.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }

            var max = options?.MaxOutputTokens ?? int.MaxValue;
            var stops = options?.StopSequences ?? [];
            var text = string.Empty;
            var produced = 0;
            foreach (var token in ReplyFor?.Invoke(list) ?? Tokens)
            {
                if (produced >= max)
                {
                    yield return Final(list, produced, ChatFinishReason.Length);
                    yield break;
                }

                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (TokenDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(TokenDelay, cancellationToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    lock (_gate)
                    {
                        Cancelled++;
                    }

                    CancellationSeen.TrySetResult();
                    throw;
                }

                var before = text.Length;
                text += token;
                var stopAt = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
                if (stopAt >= 0)
                {
                    if (stopAt > before)
                    {
                        yield return new ChatResponseUpdate(ChatRole.Assistant, text[before..stopAt]);
                    }

                    yield return Final(list, produced, ChatFinishReason.Stop);
                    yield break;
                }

                produced++;
                lock (_gate)
                {
                    TokensProduced[index] = produced;
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, token);
            }

            yield return Final(list, produced, ChatFinishReason.Stop);
        }
        finally
        {
            lock (_gate)
            {
                _active--;
            }
        }
    }

    private static ChatResponseUpdate Final(List<ChatMessage> prompt, int produced, ChatFinishReason reason) => new()
    {
        Role = ChatRole.Assistant,
        FinishReason = reason,
        Contents = [new UsageContent(new UsageDetails { InputTokenCount = prompt.Sum(m => m.Text.Length), OutputTokenCount = produced, TotalTokenCount = prompt.Sum(m => m.Text.Length) + produced })],
    };

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
