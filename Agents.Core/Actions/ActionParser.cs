using System.Text.Json.Nodes;

namespace Agents.Core.Actions;

/// <summary>
/// Reads one model reply as it streams and says, as early as possible, when it holds a complete action,
/// a final answer, or an error to send back to the model. Feed text deltas with <see cref="Feed"/>; stop generating
/// as soon as it returns true; call <see cref="Complete"/> when the stream ends. Formats: ReAct lines, the
/// bracket shorthand, JSON action blocks (bare or fenced), XML tags; see <see cref="ActionFormat"/>.
/// </summary>
/// <remarks>
/// When an action is complete: a ReAct <c>Action Input:</c> value at the end of its line (or, when it starts
/// with <c>{</c>, <c>[</c> or a code fence, at its matching close), a JSON block at its closing brace (and
/// closing fence when fenced), a bracket action at its closing bracket, XML at <c>&lt;/tool_input&gt;</c>.
/// A final answer runs to the end of the reply, or up to a hallucinated next step (a line starting with
/// <c>Action:</c>, <c>Observation:</c>, <c>Thought:</c> or <c>Question:</c>). Text after a complete action is
/// checked only when it was already received: a hallucinated <c>Observation:</c> is dropped, a second action
/// or a final answer there makes the reply ambiguous.
/// </remarks>
public sealed partial class ActionParser
{
    private enum Mode { Prose, CodeFence, FenceOpen, ActionName, AwaitInput, Input, InputLine, InputFence, Json, JsonFenceClose, Bracket, XmlTool, XmlAwaitInput, XmlToolInput, XmlFinal, Final, Tail }

    private enum JsonContext { Block, ActionLine, Input }

    private readonly ActionParserOptions _options;
    private readonly JsonScanner _json = new();
    private char[] _buf = new char[512];
    private int _len;
    private int _pos;
    private bool _ended;
    private Mode _mode;
    private int _lineStart;
    private bool _labelChecked;
    private bool _sawStructure;
    private int _actionStart = -1;
    private int _valueStart;
    private string? _tool;
    private int _bracketDepth;
    private JsonContext _jsonContext;
    private int _jsonStart;
    private bool _jsonFenced;
    private Mode _jsonReturnMode;
    private int _jsonReturnLineStart;
    private ActionParseResult? _pending;
    private ActionParseResult? _result;
    private bool _tailCheck;
    private int _fenceLine = -1;

    /// <summary>Creates a parser for one reply.</summary>
    public ActionParser(ActionParserOptions? options = null) => _options = options ?? new ActionParserOptions();

    /// <summary>The result once the reply is complete (or rejected); null while more text is needed.</summary>
    public ActionParseResult? Result => _result;

    /// <summary>True once <see cref="Result"/> is known: the caller should stop generating.</summary>
    public bool IsComplete => _result is not null;

    /// <summary>All text received so far.</summary>
    public string Text => new(_buf, 0, _len);

    /// <summary>How many characters were received so far.</summary>
    public int TextLength => _len;

    /// <summary>Parses a whole reply at once.</summary>
    public static ActionParseResult Parse(string text, ActionParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ActionParser(options);
        parser.Feed(text);
        return parser.Complete();
    }

    /// <summary>Adds a streamed text delta. Returns true once the reply holds a complete action, answer or error.</summary>
    public bool Feed(ReadOnlySpan<char> delta)
    {
        if (delta.IsEmpty || _ended)
        {
            return IsComplete;
        }

        if (_len + delta.Length > _buf.Length)
        {
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + delta.Length));
        }

        delta.CopyTo(_buf.AsSpan(_len));
        _len += delta.Length;
        Run();
        return IsComplete;
    }

    /// <summary>Marks the end of the stream and returns the result.</summary>
    public ActionParseResult Complete()
    {
        _ended = true;
        Run();
        while (_result is null)
        {
            if (!EndOfStream())
            {
                Run();
            }
        }

        return _result;
    }

    private void Run()
    {
        while (_pos < _len)
        {
            if (_pos >= _options.MaxLength && _result is null)
            {
                Finish(Fail($"The reply is longer than {_options.MaxLength} characters without a complete action or answer."));
                return;
            }

            var progressed = _mode switch
            {
                Mode.Prose => StepProse(),
                Mode.CodeFence => StepCodeFence(),
                Mode.FenceOpen => StepFenceOpen(),
                Mode.ActionName => StepActionName(),
                Mode.AwaitInput => StepAwaitInput(),
                Mode.Input => StepInput(),
                Mode.InputLine => StepInputLine(),
                Mode.InputFence => StepInputFence(),
                Mode.Json => StepJson(),
                Mode.JsonFenceClose => StepJsonFenceClose(),
                Mode.Bracket => StepBracket(),
                Mode.XmlTool or Mode.XmlAwaitInput or Mode.XmlToolInput or Mode.XmlFinal => StepXml(),
                Mode.Final => StepFinal(),
                _ => StepTail(),
            };
            if (!progressed || (_result is not null && _mode != Mode.Tail))
            {
                return;
            }
        }
    }

    /// <summary>Decides what an unfinished construct means when the stream ends. Returns false when scanning must resume.</summary>
    private bool EndOfStream()
    {
        switch (_mode)
        {
            case Mode.Json:
                return JsonAtEnd();
            case Mode.ActionName:
                var name = CleanToolName(Slice(_valueStart, _len));
                if (name.Length == 0)
                {
                    Finish(Fail("Missing tool name after 'Action:'. Write 'Action: <tool name>' then 'Action Input: <input>'."));
                }
                else
                {
                    _tool = name;
                    MissingInput(_len);
                }

                return true;
            case Mode.AwaitInput:
                MissingInput(_len);
                return true;
            case Mode.Input:
                FinishAction(string.Empty, null, _len);
                return true;
            case Mode.InputLine:
                FinishInputLine(_len, _len);
                return true;
            case Mode.InputFence:
                FinishAction(Slice(_valueStart, _len).Trim(), null, _len);
                return true;
            case Mode.JsonFenceClose:
                Finish(_pending! with { Length = _len });
                return true;
            case Mode.Bracket:
                Finish(Fail($"The bracket after '{_tool}[' is not closed. Write '{_tool}[<input>]' on one line."));
                return true;
            case Mode.XmlTool:
                Finish(Fail("The <tool> tag is not closed. Write <tool>name</tool><tool_input>input</tool_input>."));
                return true;
            case Mode.XmlAwaitInput:
                FinishAction(string.Empty, null, _len, ActionFormat.Xml);
                return true;
            case Mode.XmlToolInput:
                FinishAction(XmlUnescape(DropPartialTag(Slice(_valueStart, _len), "</tool_input>")).Trim(), null, _len, ActionFormat.Xml);
                return true;
            case Mode.XmlFinal:
                FinishFinal(XmlUnescape(DropPartialTag(Slice(_valueStart, _len), "</final_answer>")), _len, ActionFormat.Xml);
                return true;
            case Mode.Final:
                FinishFinal(DropPartialStop(Slice(_valueStart, _len)), _len, ActionFormat.React);
                return true;
            default:
                NoAction();
                return true;
        }
    }

    private void NoAction()
    {
        var text = DropPartialStop(Slice(0, _len)).Trim();
        if (text.Length == 0)
        {
            Finish(Fail("The reply is empty. " + FormatHint()));
        }
        else if (_sawStructure || !_options.PlainTextIsFinalAnswer)
        {
            Finish(Fail("Invalid format: the reply has no complete action and no final answer. " + FormatHint()));
        }
        else
        {
            Finish(new ActionParseResult { Kind = ActionParseKind.FinalAnswer, Answer = text, IsImplicit = true, Length = _len });
        }
    }

    private string FormatHint() => _options.Format switch
    {
        ActionFormat.Json => "Reply with one JSON block {\"action\": \"<tool>\", \"action_input\": <input>} or {\"action\": \"Final Answer\", \"action_input\": \"<answer>\"}.",
        ActionFormat.Xml => "Reply with <tool>name</tool><tool_input>input</tool_input>, or <final_answer>answer</final_answer>.",
        ActionFormat.Bracket => "Reply with 'Action: <tool>[<input>]', or 'Finish[<answer>]'.",
        _ => "Reply with 'Action: <tool name>' and 'Action Input: <input>' lines, or with 'Final Answer: <answer>'.",
    };

    private void MissingInput(int lineStart)
    {
        if (_tool is not null && _options.ToolsWithoutInput.Contains(_tool))
        {
            FinishAction(null, null, lineStart);
            return;
        }

        Finish(Fail($"Invalid format: missing 'Action Input:' after 'Action: {_tool}'. Write the input on the next line as 'Action Input: <input>'."));
    }

    private void FinishAction(string? input, JsonNode? arguments, int length, ActionFormat format = ActionFormat.React)
    {
        if (arguments is null && input is not null)
        {
            arguments = LenientJson.TryParse(input);
        }

        Finish(new ActionParseResult { Kind = ActionParseKind.Action, Tool = _tool, Input = input, Arguments = arguments, Length = length, Format = format, Thought = Thought() });
    }

    private void FinishFinal(string answer, int length, ActionFormat format)
    {
        answer = answer.Trim();
        if (answer.StartsWith("**", StringComparison.Ordinal) && format == ActionFormat.React && _valueStart > 0 && _buf[_valueStart - 1] == ':')
        {
            answer = answer.TrimStart('*').Trim();
        }

        Finish(answer.Length == 0
            ? Fail("The final answer is empty. Write the answer after 'Final Answer:'.")
            : new ActionParseResult { Kind = ActionParseKind.FinalAnswer, Answer = answer, Length = length, Format = format, Thought = Thought() });
    }

    private void Finish(ActionParseResult result)
    {
        _result = result;
        _mode = Mode.Tail;
        _tailCheck = result.Kind == ActionParseKind.Action;
        _pos = Math.Max(_pos, Math.Min(result.Length, _len));
        _lineStart = _pos;
        _labelChecked = _pos > 0 && _buf[_pos - 1] != '\n';
    }

    private ActionParseResult Fail(string message) =>
        ActionParseResult.Fail(message, Thought(), Math.Min(_pos + 1, _len), _options.Format);

    private string? Thought()
    {
        var end = _actionStart >= 0 ? _actionStart : _lineStart;
        var text = Slice(0, Math.Min(end, _len)).Trim();
        var lines = text.Split('\n').Select(l => StripLabel(l.Trim())).Where(l => l.Length > 0);
        var thought = string.Join('\n', lines).Trim();
        return thought.Length == 0 ? null : thought;
    }

    private static string StripLabel(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && NormalizeLabel(line.AsSpan(0, colon)) is Label.Thought)
        {
            return line[(colon + 1)..].Trim();
        }

        return line;
    }

    private static string DropPartialTag(string text, string tag)
    {
        for (var n = Math.Min(tag.Length - 1, text.Length); n > 0; n--)
        {
            if (text.AsSpan(text.Length - n).Equals(tag.AsSpan(0, n), StringComparison.OrdinalIgnoreCase))
            {
                return text[..^n];
            }
        }

        return text;
    }

    private string Slice(int start, int end) => start >= end ? string.Empty : new string(_buf, start, end - start);
}
