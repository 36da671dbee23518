using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Agents.Core.Actions;
using Agents.Core.Loop;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Core.ChatClients;

/// <summary>
/// Gives tool calling to models that only write text. When <see cref="ChatOptions.Tools"/> holds functions, it puts
/// them and the action format into the system prompt, reads the streamed reply with an <see cref="ActionParser"/>,
/// stops at the end of the action and returns it as a <see cref="FunctionCallContent"/>; tool results coming back
/// (<see cref="FunctionResultContent"/>) are shown to the model as <c>Observation:</c> text. Put it inside a
/// <see cref="FunctionInvokingChatClient"/> (<c>.UseFunctionInvocation().UseTextToolCalling()</c>) or give it to
/// Agent Framework's <c>ChatClientAgent</c>. Non-streaming responses carry the final answer alone; streaming ones
/// carry the model's text as it comes.
/// </summary>
public sealed class TextToolCallingChatClient : DelegatingChatClient
{
    private readonly TextToolCallingOptions _options;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public TextToolCallingChatClient(IChatClient innerClient, TextToolCallingOptions? options = null)
        : base(innerClient) => _options = options ?? new TextToolCallingOptions();

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (Functions(options).Count == 0)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        var result = updates.Select(u => u.RawRepresentation).OfType<ActionParseResult>().LastOrDefault();
        if (result is not null && result.Kind != ActionParseKind.Error && response.Messages.Count > 0)
        {
            // Without streaming, the caller gets the answer alone; the reasoning travels as reasoning content.
            var message = response.Messages[^1];
            List<AIContent> contents = result.Thought is { Length: > 0 } thought ? [new TextReasoningContent(thought)] : [];
            contents.AddRange(result.Kind == ActionParseKind.FinalAnswer ? [new TextContent(result.Answer)] : message.Contents.Where(c => c is not TextContent));
            message.Contents = contents;
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var functions = Functions(options);
        if (functions.Count == 0)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var parser = new ActionParser(new ActionParserOptions { Format = _options.Format, ToolsWithoutInput = ActionGrammar.NoInputTools(functions) });
        string? messageId = null;
        await foreach (var update in base.GetStreamingResponseAsync(Prepare(messages, options!, functions), InnerOptions(options!, functions), cancellationToken).ConfigureAwait(false))
        {
            messageId ??= update.MessageId;
            var text = update.Text;
            if (text.Length == 0)
            {
                yield return update;
                continue;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, text) { MessageId = messageId, ResponseId = update.ResponseId, ModelId = update.ModelId };
            if (parser.Feed(text))
            {
                break;
            }
        }

        var result = parser.Complete();
        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, MessageId = messageId, RawRepresentation = result, FinishReason = ChatFinishReason.Stop };
        if (result.Kind == ActionParseKind.Action && functions.FirstOrDefault(f => string.Equals(f.Name, result.Tool, StringComparison.OrdinalIgnoreCase)) is var tool)
        {
            var name = tool?.Name ?? result.Tool!;
            last.Contents = [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], name, Arguments(tool, result))];
            last.FinishReason = ChatFinishReason.ToolCalls;
        }

        yield return last;
    }

    private static List<AIFunction> Functions(ChatOptions? options) => options?.Tools?.OfType<AIFunction>().ToList() ?? [];

    private static Dictionary<string, object?> Arguments(AIFunction? tool, ActionParseResult action)
    {
        if (tool is not null && ToolBox.Bind(tool, action.Input, action.Arguments) is ({ } bound, null))
        {
            return bound.ToDictionary(kv => kv.Key, kv => kv.Value);
        }

        return action.Arguments is System.Text.Json.Nodes.JsonObject obj
            ? obj.ToDictionary(kv => kv.Key, kv => (object?)(kv.Value is null ? null : JsonSerializer.SerializeToElement(kv.Value)))
            : new() { ["input"] = action.Input };
    }

    private List<ChatMessage> Prepare(IEnumerable<ChatMessage> messages, ChatOptions options, List<AIFunction> functions)
    {
        var list = messages.ToList();
        var instructions = string.Join("\n\n", new[] { options.Instructions }.Concat(list.Where(m => m.Role == ChatRole.System).Select(m => m.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
        var definition = new AgentDefinition
        {
            Instructions = instructions.Length > 0 ? instructions : new AgentDefinition().Instructions,
            Tools = functions,
            Format = _options.Format,
            SystemPromptTemplate = _options.SystemPromptTemplate,
        };
        var result = new List<ChatMessage> { new(ChatRole.System, new AgentPrompt(definition).Render([])) };
        foreach (var message in list.Where(m => m.Role != ChatRole.System))
        {
            result.Add(ToText(message));
        }

        return result;
    }

    private ChatMessage ToText(ChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (calls.Count == 0 && results.Count == 0)
        {
            return message;
        }

        var sb = new StringBuilder(message.Text);
        if (sb.Length == 0 && calls.Count > 0 && message.Contents.OfType<TextReasoningContent>().FirstOrDefault() is { } reasoning)
        {
            sb.Append("Thought: ").Append(reasoning.Text).Append('\n');
        }

        if (message.Text.Length == 0 || calls.Count > 0 && !message.Text.Contains(calls[0].Name, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var call in calls)
            {
                var args = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
                sb.Append(_options.Format switch
                {
                    ActionFormat.Json => $"{{\"action\": \"{call.Name}\", \"action_input\": {args}}}",
                    ActionFormat.Xml => $"<tool>{call.Name}</tool><tool_input>{args}</tool_input>",
                    ActionFormat.Bracket => $"Action: {call.Name}[{args}]",
                    _ => $"Action: {call.Name}\nAction Input: {args}\n",
                });
            }
        }

        foreach (var result in results)
        {
            var text = result.Result switch { null => "(no output)", string s => s, JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString(), _ => JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions) };
            sb.Append(_options.Format == ActionFormat.Xml ? $"<observation>{text}</observation>" : $"Observation: {text}");
        }

        return new ChatMessage(results.Count > 0 ? ChatRole.User : ChatRole.Assistant, sb.ToString());
    }

    private ChatOptions InnerOptions(ChatOptions options, List<AIFunction> functions)
    {
        var inner = options.Clone();
        inner.Tools = null;
        inner.ToolMode = null;
        inner.Instructions = null;
        if (_options.Format != ActionFormat.Xml)
        {
            inner.StopSequences = [.. inner.StopSequences ?? [], "\nObservation:"];
        }

        if (_options.UseGrammar)
        {
            inner.AdditionalProperties ??= [];
            inner.AdditionalProperties[ActionGrammar.OptionsKey] = ActionGrammar.Build(_options.Format, functions);
        }

        return inner;
    }
}
