using System.Runtime.CompilerServices;
using Agents.Core.Actions;
using Agents.Core.Memory;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agents.Core.Loop;

/// <summary>
/// Runs an agent: prompt the model, read its streamed reply until the action is complete (and stop generating there),
/// call the tool, show the observation, repeat until a final answer or a limit. Holds no conversation state: pass an
/// <see cref="AgentTranscript"/> to continue one. Errors the model caused go back to it as observations; bugs throw.
/// </summary>
public sealed class AgentRunner
{
    private readonly IChatClient _chatClient;
    private readonly IAgentMemory? _memory;
    private readonly ToolBox _tools;
    private readonly AgentPrompt _prompt;
    private readonly ActionParserOptions _parserOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a runner for <paramref name="definition"/> on <paramref name="chatClient"/>, with an optional memory.</summary>
    public AgentRunner(IChatClient chatClient, AgentDefinition definition, IAgentMemory? memory = null, TimeProvider? timeProvider = null, ILogger<AgentRunner>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(definition);
        definition.Limits.Validate();
        (_chatClient, Definition, _memory, _time) = (chatClient, definition, memory, timeProvider ?? TimeProvider.System);
        _tools = new ToolBox(definition.Tools);
        _prompt = new AgentPrompt(definition);
        _parserOptions = new() { Format = definition.Format, ToolsWithoutInput = _tools.ToolsWithoutInput, PlainTextIsFinalAnswer = definition.PlainTextIsFinalAnswer };
    }

    /// <summary>The agent this runner runs.</summary>
    public AgentDefinition Definition { get; }

    /// <summary>Runs <paramref name="task"/> and streams what happens; the last event is always a <see cref="StoppedEvent"/>.</summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(string task, AgentTranscript? transcript = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        transcript ??= new AgentTranscript();
        transcript.Steps.Add(new TaskStep(task));
        var run = new RunState(Definition.Limits, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Definition.Limits.MaxTime);
        var query = task;
        while (run.LimitReached() is null)
        {
            run.NextStep();
            AgentRunnerLog.StepStarted(_logger, Definition.Name, run.Step);
            var parser = new ActionParser(_parserOptions);
            var messages = await PromptAsync(transcript, query, cancellationToken).ConfigureAwait(false);
            await foreach (var delta in GenerateAsync(messages, parser, run, deadline.Token, cancellationToken).ConfigureAwait(false))
            {
                yield return delta;
            }

            if (run.Stopped is not null)
            {
                break;
            }

            var reply = parser.Complete();
            var modelText = parser.Text[..Math.Min(reply.Length, parser.TextLength)];
            AgentRunnerLog.ModelText(_logger, Definition.Name, run.Step, modelText);
            if (reply.Thought is { Length: > 0 } thought)
            {
                yield return new ThoughtEvent(run.Step, thought);
            }

            if (reply.Kind == ActionParseKind.FinalAnswer)
            {
                transcript.Steps.Add(new FinalAnswerStep(modelText, reply.Answer!));
                yield return new FinalAnswerEvent(run.Step, reply.Answer!);
                if (await RememberAsync(reply.Answer!, "final-answer", run.Step, cancellationToken).ConfigureAwait(false) is { } written)
                {
                    yield return written;
                }

                AgentRunnerLog.Stopped(_logger, Definition.Name, run.Step, StopReason.FinalAnswer);
                yield return run.Stop(StopReason.FinalAnswer);
                yield break;
            }

            if (reply.Kind == ActionParseKind.Error)
            {
                run.ConsecutiveErrors++;
                transcript.Steps.Add(new CorrectionStep(modelText, reply.Error!, Definition.Format == ActionFormat.Xml));
                AgentRunnerLog.ParseError(_logger, Definition.Name, run.Step, reply.Error!);
                yield return new ParseErrorEvent(run.Step, reply.Error!);
                continue;
            }

            if (run.ToolCalls >= Definition.Limits.MaxToolCalls)
            {
                run.Stop(StopReason.MaxToolCalls);
                break;
            }

            run.ToolCalls++;
            var call = new ToolCallEvent(run.Step, $"call_{run.Step}", reply.Tool!, reply.Input, reply.Arguments);
            yield return call;
            var outcome = await CallToolAsync(reply, deadline.Token, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                run.Stop(StopReason.MaxTime);
                break;
            }

            var (observation, isError) = outcome.Value;
            run.ConsecutiveErrors = isError ? run.ConsecutiveErrors + 1 : 0;
            AgentRunnerLog.ToolCalled(_logger, Definition.Name, run.Step, call.Tool, isError);
            transcript.Steps.Add(new ActionStep(modelText, call.Tool, call.Input, observation, isError, Definition.Format == ActionFormat.Xml));
            yield return new ToolResultEvent(run.Step, call.CallId, call.Tool, observation, isError);
            if (!isError && await RememberAsync($"{call.Tool}({call.Input}): {observation}", "observation", run.Step, cancellationToken).ConfigureAwait(false) is { } remembered)
            {
                yield return remembered;
            }

            query = task + "\n" + observation;
        }

        var stopped = run.Stopped ?? run.LimitReached()!;
        AgentRunnerLog.Stopped(_logger, Definition.Name, stopped.Step, stopped.Reason);
        yield return stopped;
    }

    private async IAsyncEnumerable<AgentEvent> GenerateAsync(List<ChatMessage> messages, ActionParser parser, RunState run, CancellationToken deadline, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = _chatClient.GetStreamingResponseAsync(messages, CallOptions(run), deadline).GetAsyncEnumerator(deadline);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    run.Stop(StopReason.MaxTime);
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                run.Count(stream.Current);
                var text = stream.Current.Text;
                if (text.Length > 0)
                {
                    var complete = parser.Feed(text);
                    var used = complete ? Math.Clamp(parser.Result!.Length - (parser.TextLength - text.Length), 0, text.Length) : text.Length;
                    if (used > 0)
                    {
                        yield return new TextDeltaEvent(run.Step, used == text.Length ? text : text[..used]);
                    }

                    if (complete)
                    {
                        yield break; // the action is complete: not one more token
                    }
                }

                if (run.TokensLeft == 0)
                {
                    run.Stop(StopReason.MaxTokens);
                    yield break;
                }
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<List<ChatMessage>> PromptAsync(AgentTranscript transcript, string query, CancellationToken cancellationToken)
    {
        IReadOnlyList<MemoryHit> hits = _memory is null || Definition.MemoryTopK == 0 ? []
            : await _memory.SearchAsync(query, Definition.MemoryTopK, Definition.MemoryMinScore, cancellationToken).ConfigureAwait(false);
        return [new ChatMessage(ChatRole.System, _prompt.Render(hits)), .. transcript.ToMessages()];
    }

    private ChatOptions CallOptions(RunState run)
    {
        var options = Definition.ChatOptions?.Clone() ?? new ChatOptions();
        if (Definition.Format != ActionFormat.Xml)
        {
            options.StopSequences = [.. options.StopSequences ?? [], "\nObservation:"];
        }

        options.MaxOutputTokens = (int)Math.Min(options.MaxOutputTokens ?? int.MaxValue, run.TokensLeft);
        if (Definition.UseGrammar)
        {
            options.AdditionalProperties ??= [];
            options.AdditionalProperties[ActionGrammar.OptionsKey] = ActionGrammar.Build(Definition.Format, Definition.Tools);
        }

        return options;
    }

    private async Task<(string Observation, bool IsError)?> CallToolAsync(ActionParseResult action, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await ToolInvoker.InvokeAsync(_tools, action, Definition.Limits, deadline).ConfigureAwait(false);
            return (outcome.Observation, outcome.IsError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // the run's wall-time limit
        }
    }

    private async Task<MemoryWriteEvent?> RememberAsync(string text, string source, int step, CancellationToken cancellationToken)
    {
        if (_memory is null)
        {
            return null;
        }

        var entry = new MemoryEntry(text, source, [Definition.Name]);
        var id = await _memory.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        return new MemoryWriteEvent(step, id, entry);
    }
}
