using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>One conversation's generation while the scheduler runs it. Touched only by the scheduler thread once queued.</summary>
internal sealed class GenerationRequest
{
    private readonly Channel<GenerationChunk> output = Channel.CreateUnbounded<GenerationChunk>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private int parked;
    private int unread;
    private long startTicks;
    private long promptDoneTicks;

    public GenerationRequest(LLamaToken[] prompt, int maxTokens, TokenSampler sampler, TokenTextDecoder text, StopSequenceFilter stops, CancellationToken cancellationToken)
    {
        Prompt = prompt;
        MaxTokens = maxTokens;
        Sampler = sampler;
        Text = text;
        Stops = stops;
        CancellationToken = cancellationToken;
    }

    public LLamaToken[] Prompt { get; }

    public int MaxTokens { get; }

    public TokenSampler Sampler { get; }

    public TokenTextDecoder Text { get; }

    public StopSequenceFilter Stops { get; }

    public CancellationToken CancellationToken { get; }

    public ChannelReader<GenerationChunk> Reader => output.Reader;

    public int Sequence { get; set; } = -1;

    public int Position { get; set; }

    public int PromptConsumed { get; set; }

    public bool PromptDone => PromptConsumed >= Prompt.Length;

    public LLamaToken LastToken { get; set; }

    public int BatchIndex { get; set; } = -1;

    public int CompletionTokens { get; set; }

    /// <summary>Chunks written but not yet read by the caller.</summary>
    public int Backlog => Volatile.Read(ref unread);

    /// <summary>Scheduler side: the reader is too far behind; skip this sequence until it catches up.</summary>
    public bool TryPark(int maxBacklog)
    {
        if (Backlog < maxBacklog)
        {
            return false;
        }

        Interlocked.Exchange(ref parked, 1);
        if (Backlog < maxBacklog)
        {
            Interlocked.Exchange(ref parked, 0);
            return false;
        }

        return true;
    }

    /// <summary>Reader side, after reading a chunk: true when the scheduler parked this sequence and must be woken.</summary>
    public bool OnChunkRead()
    {
        Interlocked.Decrement(ref unread);
        return Volatile.Read(ref parked) == 1 && Interlocked.Exchange(ref parked, 0) == 1;
    }

    public void MarkStarted() => startTicks = Stopwatch.GetTimestamp();

    public void MarkPromptDone() => promptDoneTicks = Stopwatch.GetTimestamp();

    public void Emit(string text)
    {
        if (text.Length > 0)
        {
            Interlocked.Increment(ref unread);
            output.Writer.TryWrite(new GenerationChunk(text, null));
        }
    }

    public void Complete(ChatFinishReason reason)
    {
        Emit(Text.Flush() is { Length: > 0 } rest ? Stops.Push(rest) : string.Empty);
        Emit(Stops.Flush());
        var end = Stopwatch.GetTimestamp();
        var promptEnd = promptDoneTicks == 0 ? end : promptDoneTicks;
        var summary = new GenerationSummary(
            reason,
            Prompt.Length,
            CompletionTokens,
            Stopwatch.GetElapsedTime(startTicks, promptEnd).TotalSeconds,
            Stopwatch.GetElapsedTime(promptEnd, end).TotalSeconds);
        Interlocked.Increment(ref unread);
        output.Writer.TryWrite(new GenerationChunk(null, summary));
        output.Writer.TryComplete();
        Sampler.Dispose();
    }

    public void Fail(Exception error)
    {
        output.Writer.TryComplete(error);
        Sampler.Dispose();
    }
}
