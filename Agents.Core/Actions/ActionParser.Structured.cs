using System.Text.Json.Nodes;

namespace Agents.Core.Actions;

/// <content>Delimited formats: JSON action blocks, the bracket shorthand and XML tags.</content>
public sealed partial class ActionParser
{
    private const int MaxJsonLength = 256 * 1024;
    private static readonly string[] NameKeys = ["action", "name", "tool", "tool_name", "function", "action_name"];
    private static readonly string[] ArgumentKeys = ["action_input", "arguments", "tool_input", "input", "parameters", "args", "tool_arguments", "params"];
    private static readonly (string Tag, Mode Mode)[] XmlOpenTags = [("<tool>", Mode.XmlTool), ("<final_answer>", Mode.XmlFinal)];
    private static readonly string[] AnswerKeys = ["answer", "final_answer", "output", "response", "result", "text"];

    private void StartJson(JsonContext context, bool fenced)
    {
        _jsonReturnMode = fenced ? Mode.CodeFence : _mode;
        _jsonReturnLineStart = _lineStart;
        _jsonContext = context;
        _jsonStart = _pos;
        _jsonFenced = fenced;
        _json.Reset();
        _mode = Mode.Json;
    }

    private bool StepJson()
    {
        var status = _json.Feed(_buf[_pos]);
        if (_buf[_pos] == '\n')
        {
            _lineStart = _pos + 1;
        }

        _pos++;
        if (status == JsonScanner.Status.Continue && _pos - _jsonStart > MaxJsonLength)
        {
            status = JsonScanner.Status.Invalid;
        }

        switch (status)
        {
            case JsonScanner.Status.Done:
                JsonDone();
                break;
            case JsonScanner.Status.Invalid:
                JsonInvalid();
                break;
        }

        return true;
    }

    private void JsonDone()
    {
        var span = _buf.AsSpan(_jsonStart, _pos - _jsonStart);
        var node = LenientJson.TryParse(span);
        if (_jsonContext == JsonContext.Input)
        {
            FinishAction(span.ToString(), node, _pos);
            return;
        }

        var action = ReadJsonAction(node, out var error);
        if (action is null && error is null)
        {
            if (_jsonContext == JsonContext.ActionLine)
            {
                Finish(Fail("Invalid format: the JSON after 'Action:' names no tool. Write {\"action\": \"<tool>\", \"action_input\": <input>}."));
                return;
            }

            _mode = _jsonFenced ? Mode.CodeFence : Mode.Prose;
            _labelChecked = true;
            return;
        }

        _sawStructure = true;
        if (_actionStart < 0 || _jsonContext == JsonContext.Block && !_jsonFenced)
        {
            _actionStart = _jsonStart;
        }

        if (error is not null)
        {
            Finish(Fail(error));
        }
        else if (_jsonFenced)
        {
            _pending = action! with { Length = _pos };
            _mode = Mode.JsonFenceClose;
        }
        else
        {
            Finish(action! with { Length = _pos });
        }
    }

    private void JsonInvalid()
    {
        _lineStart = _jsonReturnLineStart;
        _labelChecked = true;
        switch (_jsonContext)
        {
            case JsonContext.Input:
                _pos = _valueStart;
                _mode = Mode.InputLine;
                break;
            case JsonContext.ActionLine:
                Finish(Fail("Invalid format: the JSON after 'Action:' is not valid JSON. Write {\"action\": \"<tool>\", \"action_input\": <input>}."));
                break;
            default:
                _pos = _jsonStart + 1;
                _mode = _jsonReturnMode;
                RecountLine();
                break;
        }
    }

    private bool JsonAtEnd()
    {
        var text = Slice(_jsonStart, _len);
        if (_jsonContext != JsonContext.Input &&
            (text.Contains("\"action\"", StringComparison.OrdinalIgnoreCase) || text.Contains("\"name\"", StringComparison.OrdinalIgnoreCase) || _jsonContext == JsonContext.ActionLine))
        {
            Finish(Fail("Invalid format: the JSON action block is not closed. Write one complete JSON object: {\"action\": \"<tool>\", \"action_input\": <input>}."));
            return true;
        }

        JsonInvalid();
        return false;
    }

    private void RecountLine()
    {
        var i = _pos - 1;
        while (i >= 0 && _buf[i] != '\n')
        {
            i--;
        }

        _lineStart = i + 1;
        _labelChecked = true;
    }

    private bool StepJsonFenceClose()
    {
        var c = _buf[_pos];
        if (c == '`')
        {
            var fence = FenceAt(_pos);
            if (fence == Read.NeedMore)
            {
                return false;
            }

            Finish(_pending! with { Length = fence == Read.Found ? _pos + 3 : _pos });
            return true;
        }

        if (!char.IsWhiteSpace(c))
        {
            Finish(_pending! with { Length = _pos });
            return true;
        }

        _pos++;
        return true;
    }

    /// <summary>Reads an action object (or a one-element list of them). Null with no error: not an action.</summary>
    private ActionParseResult? ReadJsonAction(JsonNode? node, out string? error)
    {
        error = null;
        if (node is JsonArray array)
        {
            var actions = array.OfType<JsonObject>().Where(o => FindKey(o, NameKeys) is not null).ToList();
            if (actions.Count > 1)
            {
                error = $"Invalid format: {actions.Count} actions in one reply. Call one tool per reply and wait for its observation.";
                return null;
            }

            node = actions.Count == 1 ? actions[0] : null;
        }

        if (node is not JsonObject obj)
        {
            return null;
        }

        if (FindKey(obj, NameKeys) is not { } nameKey)
        {
            if (obj.Count == 1 && FindKey(obj, ["final_answer", "final answer"]) is { } finalKey)
            {
                return new ActionParseResult { Kind = ActionParseKind.FinalAnswer, Answer = LenientJson.ToText(obj[finalKey]).Trim(), Format = ActionFormat.Json, Thought = Thought() };
            }

            return null;
        }

        var nameNode = obj[nameKey];
        if (nameNode is JsonObject nested && FindKey(nested, NameKeys) is not null)
        {
            return ReadJsonAction(nested, out error); // {"type": "function", "function": {"name": …, "arguments": …}}
        }

        if (nameNode is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
        {
            error = $"Invalid format: \"{nameKey}\" must be the tool name as a string.";
            return null;
        }

        var argsKey = FindKey(obj, ArgumentKeys);
        var args = argsKey is null ? null : obj[argsKey];
        if (args is JsonValue sv && sv.TryGetValue<string>(out var s) && LenientJson.TryParse(s) is { } parsedString)
        {
            args = parsedString; // arguments given as a JSON string
        }

        if (IsFinishName(name.Trim()))
        {
            var answer = args is JsonObject ao && FindKey(ao, AnswerKeys) is { } ak ? ao[ak] : args;
            return new ActionParseResult { Kind = ActionParseKind.FinalAnswer, Answer = LenientJson.ToText(answer).Trim(), Format = ActionFormat.Json, Thought = Thought() };
        }

        _tool = CleanToolName(name);
        return new ActionParseResult
        {
            Kind = ActionParseKind.Action,
            Tool = _tool,
            Input = args is null ? null : LenientJson.ToText(args),
            Arguments = args is JsonObject or JsonArray ? args.DeepClone() : null,
            Format = ActionFormat.Json,
            Thought = Thought(),
        };
    }

    private static string? FindKey(JsonObject obj, string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var (k, _) in obj)
            {
                if (string.Equals(k.Trim(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return k;
                }
            }
        }

        return null;
    }

    private void StartBracket(string name, int valueStart)
    {
        _tool = name;
        _valueStart = valueStart;
        _bracketDepth = 1;
        _pos = valueStart;
        _mode = Mode.Bracket;
    }

    private bool StepBracket()
    {
        var c = _buf[_pos++];
        if (c == '[')
        {
            _bracketDepth++;
        }
        else if (c == ']' && --_bracketDepth == 0)
        {
            var inner = Slice(_valueStart, _pos - 1).Trim();
            if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0])
            {
                inner = inner[1..^1];
            }

            if (IsFinishName(_tool!))
            {
                FinishFinal(inner, _pos, ActionFormat.Bracket);
            }
            else
            {
                FinishAction(inner, null, _pos, ActionFormat.Bracket);
            }
        }

        return true;
    }

    private bool XmlOpen()
    {
        var orphan = MatchAt(_pos, "<tool_input>");
        if (orphan == Read.NeedMore)
        {
            return false;
        }

        if (orphan == Read.Found)
        {
            Finish(Fail("Invalid format: <tool_input> without a <tool> tag before it. Write <tool>name</tool><tool_input>input</tool_input>."));
            return true;
        }

        foreach (var (tag, mode) in XmlOpenTags)
        {
            var m = MatchAt(_pos, tag);
            if (m == Read.NeedMore)
            {
                return false;
            }

            if (m == Read.Found)
            {
                _sawStructure = true;
                _actionStart = _pos;
                _valueStart = _pos + tag.Length;
                _pos = _valueStart;
                _mode = mode;
                return true;
            }
        }

        _pos++;
        return true;
    }

    private bool StepXml()
    {
        var c = _buf[_pos];
        if (_mode == Mode.XmlAwaitInput)
        {
            if (char.IsWhiteSpace(c))
            {
                _pos++;
                return true;
            }

            var open = MatchAt(_pos, "<tool_input>");
            if (open == Read.NeedMore)
            {
                return false;
            }

            if (open == Read.Found)
            {
                _valueStart = _pos + "<tool_input>".Length;
                _pos = _valueStart;
                _mode = Mode.XmlToolInput;
                return true;
            }

            FinishAction(string.Empty, null, _pos, ActionFormat.Xml);
            return true;
        }

        if (c != '<')
        {
            _pos++;
            return true;
        }

        var close = _mode switch { Mode.XmlTool => "</tool>", Mode.XmlToolInput => "</tool_input>", _ => "</final_answer>" };
        var m = MatchAt(_pos, close);
        if (m == Read.NeedMore)
        {
            return false;
        }

        if (m == Read.None)
        {
            _pos++;
            return true;
        }

        var value = XmlUnescape(Slice(_valueStart, _pos));
        var end = _pos + close.Length;
        switch (_mode)
        {
            case Mode.XmlTool:
                _tool = value.Trim();
                _pos = end;
                _mode = Mode.XmlAwaitInput;
                break;
            case Mode.XmlToolInput:
                FinishAction(value.Trim(), null, end, ActionFormat.Xml);
                break;
            default:
                FinishFinal(value, end, ActionFormat.Xml);
                break;
        }

        return true;
    }

    private Read MatchAt(int i, string literal)
    {
        var available = Math.Min(literal.Length, _len - i);
        if (!_buf.AsSpan(i, available).Equals(literal.AsSpan(0, available), StringComparison.OrdinalIgnoreCase))
        {
            return Read.None;
        }

        return available == literal.Length ? Read.Found : _ended ? Read.None : Read.NeedMore;
    }

    private static string XmlUnescape(string text) => XmlEntities(
        text.Contains("[[", StringComparison.Ordinal)
            ? text.Replace("[[tool]]", "<tool>", StringComparison.Ordinal).Replace("[[/tool]]", "</tool>", StringComparison.Ordinal)
                .Replace("[[tool_input]]", "<tool_input>", StringComparison.Ordinal).Replace("[[/tool_input]]", "</tool_input>", StringComparison.Ordinal)
                .Replace("[[observation]]", "<observation>", StringComparison.Ordinal).Replace("[[/observation]]", "</observation>", StringComparison.Ordinal)
            : text);

    /// <summary>Decodes the standard XML entities (&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos; and numeric ones) when present.</summary>
    private static string XmlEntities(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;

    private static bool IsFinishName(string name)
    {
        var n = name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return n.Equals("finalanswer", StringComparison.OrdinalIgnoreCase) || n.Equals("finish", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Cleans a tool name as models write it: quotes, backticks, markdown and a trailing "(description)" removed.</summary>
    internal static string CleanToolName(string raw)
    {
        var name = raw.Trim().Trim('"', '\'', '`', '*', ' ', '\t');
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0 && name.EndsWith(')'))
        {
            name = name[..paren].TrimEnd();
        }

        return name.TrimEnd('.', ':', ',').Trim('"', '\'', '`', '*', ' ');
    }
}
