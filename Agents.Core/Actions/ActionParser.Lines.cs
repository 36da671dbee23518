namespace Agents.Core.Actions;

/// <content>Line-oriented formats: ReAct keywords, final answers, code fences, and the text after an action.</content>
public sealed partial class ActionParser
{
    private enum Label { None, Thought, Action, ActionInput, Observation, FinalAnswer, Answer, Question }

    private enum Read { NeedMore, None, Found }

    private const int MaxLabelLength = 40;

    private bool AllowsKeywords => _options.Format != ActionFormat.Xml;

    private bool AllowsJson => _options.Format is ActionFormat.Auto or ActionFormat.Json;

    private bool AllowsXml => _options.Format is ActionFormat.Auto or ActionFormat.Xml;

    /// <summary>Reads a "Label:" (or, for the bracket shorthand, "Name[") at the start of the current line.</summary>
    private Read ReadLabel(out Label label, out int valueStart, out char delimiter)
    {
        label = Label.None;
        valueStart = _lineStart;
        delimiter = '\0';
        var j = _lineStart;
        for (; j < _len; j++)
        {
            var c = _buf[j];
            if (c is ':' or '[')
            {
                break;
            }

            if (c == '\n' || j - _lineStart > MaxLabelLength || !(char.IsLetterOrDigit(c) || c is ' ' or '\t' or '_' or '*' or '#' or '>' or '`' or '-'))
            {
                return Read.None;
            }
        }

        if (j >= _len)
        {
            return _ended ? Read.None : Read.NeedMore;
        }

        delimiter = _buf[j];
        valueStart = j + 1;
        if (delimiter == '[')
        {
            return Read.Found;
        }

        while (valueStart < _len && _buf[valueStart] == '*')
        {
            valueStart++;
        }

        label = NormalizeLabel(_buf.AsSpan(_lineStart, j - _lineStart));
        return label == Label.None ? Read.None : Read.Found;
    }

    private static Label NormalizeLabel(ReadOnlySpan<char> raw)
    {
        Span<char> norm = stackalloc char[MaxLabelLength + 2];
        var n = 0;
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsLetter(c))
            {
                if (space && n > 0) { norm[n++] = ' '; }
                space = false;
                if (n < norm.Length - 1) { norm[n++] = char.ToLowerInvariant(c); }
            }
            else if (c is ' ' or '\t' or '_')
            {
                space = true;
            }
            else if (!(char.IsDigit(c) || c is '*' or '#' or '>' or '`' or '-'))
            {
                return Label.None;
            }
        }

        return norm[..n] switch
        {
            "thought" => Label.Thought,
            "action" => Label.Action,
            "action input" or "actioninput" => Label.ActionInput,
            "observation" => Label.Observation,
            "final answer" or "finalanswer" => Label.FinalAnswer,
            "answer" => Label.Answer,
            "question" => Label.Question,
            _ => Label.None,
        };
    }

    private bool StepProse()
    {
        if (_pos == _lineStart && !_labelChecked)
        {
            var read = ReadLabel(out var label, out var valueStart, out var delimiter);
            if (read == Read.NeedMore)
            {
                return false;
            }

            _labelChecked = true;
            if (read == Read.Found && delimiter == '[')
            {
                var name = CleanToolName(Slice(_lineStart, valueStart - 1));
                if (_options.Format == ActionFormat.Bracket || IsFinishName(name))
                {
                    _sawStructure = true;
                    _actionStart = _lineStart;
                    StartBracket(name, valueStart);
                    return true;
                }
            }
            else if (read == Read.Found && AllowsKeywords)
            {
                return OnKeyword(label, valueStart);
            }

            var fence = FenceAt(_pos);
            if (fence == Read.NeedMore)
            {
                return false;
            }

            if (fence == Read.Found)
            {
                _actionStart = _lineStart;
                _pos = SkipSpaces(_pos) + 3;
                _fenceLine = _lineStart;
                _mode = AllowsJson ? Mode.FenceOpen : Mode.CodeFence;
                return true;
            }
        }

        var c = _buf[_pos];
        if (c == '\n')
        {
            NewLine();
            return true;
        }

        if ((c == '{' || (c == '[' && _buf.AsSpan(_lineStart, _pos - _lineStart).IsWhiteSpace())) && AllowsJson)
        {
            StartJson(JsonContext.Block, fenced: false);
            return true;
        }

        if (c == '<' && AllowsXml)
        {
            return XmlOpen();
        }

        if (c == ':' && AllowsKeywords && EndsWithFinalAnswer(_pos))
        {
            _sawStructure = true;
            _actionStart = _lineStart;
            _valueStart = _pos + 1;
            _mode = Mode.Final;
            _pos++;
            _labelChecked = true;
            return true;
        }

        _pos++;
        return true;
    }

    private bool OnKeyword(Label label, int valueStart)
    {
        switch (label)
        {
            case Label.Action:
                _sawStructure = true;
                _actionStart = _lineStart;
                _valueStart = valueStart;
                _mode = Mode.ActionName;
                break;
            case Label.ActionInput:
                _pos = valueStart;
                Finish(Fail("Invalid format: 'Action Input:' without an 'Action:' line before it. Write 'Action: <tool name>' then 'Action Input: <input>'."));
                return true;
            case Label.FinalAnswer:
            case Label.Answer:
                _sawStructure = true;
                _actionStart = _lineStart;
                _valueStart = valueStart;
                _mode = Mode.Final;
                break;
            case Label.Thought:
            case Label.Observation:
                _sawStructure = true;
                break;
        }

        _pos = valueStart;
        return true;
    }

    private bool StepCodeFence()
    {
        if (_pos == _lineStart)
        {
            var fence = FenceAt(_pos);
            if (fence == Read.NeedMore)
            {
                return false;
            }

            if (fence == Read.Found)
            {
                _pos = SkipSpaces(_pos) + 3;
                _labelChecked = true;
                _mode = Mode.Prose;
                return true;
            }
        }

        if (_buf[_pos] == '\n')
        {
            _lineStart = _pos + 1;
        }

        _pos++;
        return true;
    }

    private bool StepFenceOpen()
    {
        var c = _buf[_pos];
        if (c is '{' or '[')
        {
            StartJson(JsonContext.Block, fenced: true);
            return true;
        }

        if (c == '\n')
        {
            _lineStart = _pos + 1;
        }
        else if (!char.IsWhiteSpace(c) && _lineStart > _fenceLine)
        {
            _mode = Mode.CodeFence; // a code block in prose, not an action
        }

        _pos++;
        return true;
    }

    private bool StepActionName()
    {
        var c = _buf[_pos];
        var nameSoFar = _buf.AsSpan(_valueStart, _pos - _valueStart).Trim();
        if (nameSoFar.IsEmpty)
        {
            if (c is '{')
            {
                _valueStart = _pos;
                StartJson(JsonContext.ActionLine, fenced: false);
                return true;
            }

            if (c == '`' && (_options.Format != ActionFormat.React))
            {
                var fence = FenceAt(_pos);
                if (fence == Read.NeedMore)
                {
                    return false;
                }

                if (fence == Read.Found)
                {
                    _pos += 3;
                    _fenceLine = _lineStart;
                    _mode = Mode.FenceOpen;
                    return true;
                }
            }
        }

        switch (c)
        {
            case '\n':
                var name = CleanToolName(nameSoFar.ToString());
                _lineStart = _pos + 1;
                _pos++;
                if (name.Length == 0)
                {
                    _valueStart = _pos;
                    return true;
                }

                _tool = name;
                _mode = Mode.AwaitInput;
                _labelChecked = false;
                if (_options.ToolsWithoutInput.Contains(name))
                {
                    FinishAction(null, null, _pos);
                }

                return true;
            case '[':
                StartBracket(CleanToolName(nameSoFar.ToString()), _pos + 1);
                return true;
            case ':' when EndsWithFinalAnswer(_pos):
                Finish(Fail("Invalid format: the reply has both an action and a 'Final Answer:'. Either call one tool, or give the final answer."));
                return true;
            case ':' when EndsWith(_pos, "action input"):
                _tool = CleanToolName(Slice(_valueStart, _pos - "action input".Length));
                StartInput(_pos + 1);
                return true;
            default:
                _pos++;
                return true;
        }
    }

    private bool StepAwaitInput()
    {
        if (_pos == _lineStart && !_labelChecked)
        {
            var read = ReadLabel(out var label, out var valueStart, out var delimiter);
            if (read == Read.NeedMore)
            {
                return false;
            }

            _labelChecked = true;
            if (read == Read.Found && delimiter == ':')
            {
                if (label == Label.ActionInput)
                {
                    StartInput(valueStart);
                }
                else if (label is Label.FinalAnswer or Label.Answer)
                {
                    Finish(Fail("Invalid format: the reply has both an action and a 'Final Answer:'. Either call one tool, or give the final answer."));
                }
                else
                {
                    MissingInput(_lineStart);
                }

                return true;
            }
        }

        var c = _buf[_pos];
        if (c == '\n')
        {
            NewLine();
        }
        else if (c is '{' or '[' or '`')
        {
            StartInput(_pos);
        }
        else if (!char.IsWhiteSpace(c))
        {
            MissingInput(_lineStart);
        }
        else
        {
            _pos++;
        }

        return true;
    }

    private void StartInput(int valueStart)
    {
        _mode = Mode.Input;
        _pos = valueStart;
    }

    private bool StepInput()
    {
        var c = _buf[_pos];
        if (c == '\n')
        {
            NewLine();
            _labelChecked = true;
            return true;
        }

        if (char.IsWhiteSpace(c) || (c == '*' && _pos > 0 && _buf[_pos - 1] is ':' or '*'))
        {
            _pos++;
            return true;
        }

        if (_pos == _lineStart && c != '{' && c != '[' && c != '`')
        {
            // The input starts on the line after "Action Input:"; a keyword there means the input is empty.
            _labelChecked = false;
            var read = ReadLabel(out _, out _, out var delimiter);
            if (read == Read.NeedMore)
            {
                return false;
            }

            if (read == Read.Found && delimiter == ':')
            {
                FinishAction(string.Empty, null, _lineStart);
                return true;
            }
        }

        _valueStart = _pos;
        if (c is '{' or '[')
        {
            StartJson(JsonContext.Input, fenced: false);
            return true;
        }

        if (c == '`')
        {
            var fence = FenceAt(_pos);
            if (fence == Read.NeedMore)
            {
                return false;
            }

            if (fence == Read.Found)
            {
                _pos += 3;
                _mode = Mode.InputFence;
                return true;
            }
        }

        _mode = Mode.InputLine;
        return true;
    }

    private bool StepInputLine()
    {
        var c = _buf[_pos];
        if (c == '\n')
        {
            FinishInputLine(_pos, _pos + 1);
            return true;
        }

        if (c == ':' && EndsWithFinalAnswer(_pos))
        {
            Finish(Fail("Invalid format: the reply has both an action and a 'Final Answer:'. Either call one tool, or give the final answer."));
            return true;
        }

        _pos++;
        return true;
    }

    private void FinishInputLine(int end, int length)
    {
        var raw = Slice(_valueStart, end).Trim();
        if (raw.Length >= 2 && raw[0] is '"' or '\'' or '`' && raw[^1] == raw[0] && raw.IndexOf(raw[0], 1) == raw.Length - 1)
        {
            raw = raw[1..^1];
        }

        FinishAction(raw, UnwrapCall(raw), length);
    }

    private static System.Text.Json.Nodes.JsonNode? UnwrapCall(string raw)
    {
        // "Tool({...})": a call written around a JSON object.
        var open = raw.IndexOf("({", StringComparison.Ordinal);
        if (open <= 0 || !raw.EndsWith("})", StringComparison.Ordinal) || !raw.AsSpan(0, open).ContainsAnyExcept(' '))
        {
            return null;
        }

        foreach (var ch in raw.AsSpan(0, open))
        {
            if (!(char.IsLetterOrDigit(ch) || ch is '_' or '.'))
            {
                return null;
            }
        }

        return LenientJson.TryParse(raw.AsSpan(open + 1, raw.Length - open - 2));
    }

    private bool StepInputFence()
    {
        if (_pos == _lineStart)
        {
            var fence = FenceAt(_pos);
            if (fence == Read.NeedMore)
            {
                return false;
            }

            if (fence == Read.Found)
            {
                var end = SkipSpaces(_pos) + 3;
                var input = Slice(_valueStart, end).Trim();
                var contentStart = input.IndexOf('\n', StringComparison.Ordinal);
                var json = contentStart < 0 ? null : LenientJson.TryParse(input.AsSpan(contentStart, input.Length - contentStart - 3));
                FinishAction(input, json, end);
                return true;
            }
        }

        if (_buf[_pos] == '\n')
        {
            _lineStart = _pos + 1;
        }

        _pos++;
        return true;
    }

    private bool StepFinal()
    {
        if (_pos == _lineStart && !_labelChecked)
        {
            var read = ReadLabel(out var label, out _, out var delimiter);
            if (read == Read.NeedMore)
            {
                return false;
            }

            _labelChecked = true;
            if (read == Read.Found && delimiter == ':' && label is Label.Action or Label.ActionInput or Label.Observation or Label.Thought or Label.Question)
            {
                // A hallucinated next step: the answer ends before it (at its first blank line when an action follows).
                var answer = Slice(_valueStart, _lineStart);
                var blank = answer.IndexOf("\n\n", StringComparison.Ordinal);
                if (label == Label.Action && blank > 0 && answer[..blank].Trim().Length > 0)
                {
                    answer = answer[..blank];
                }

                FinishFinal(answer, _lineStart, ActionFormat.React);
                return true;
            }
        }

        if (_buf[_pos] == '\n')
        {
            NewLine();
            return true;
        }

        _pos++;
        return true;
    }

    private bool StepTail()
    {
        if (!_tailCheck)
        {
            _pos = _len;
            return true;
        }

        if (_pos == _lineStart && !_labelChecked)
        {
            var read = ReadLabel(out var label, out _, out var delimiter);
            if (read == Read.NeedMore)
            {
                return false;
            }

            _labelChecked = true;
            if (read == Read.Found && delimiter == ':' && label is Label.Action or Label.FinalAnswer or Label.Answer)
            {
                var first = _result!;
                _tailCheck = false;
                _result = ActionParseResult.Fail(
                    label == Label.Action
                        ? $"Invalid format: two actions in one reply (the first is '{first.Tool}'). Call one tool per reply and wait for its Observation."
                        : "Invalid format: the reply has both an action and a 'Final Answer:'. Either call one tool, or give the final answer.",
                    first.Thought, _lineStart, first.Format);
                return true;
            }
        }

        if (_buf[_pos] == '\n')
        {
            NewLine();
            return true;
        }

        if (_buf[_pos] == '<' && _result!.Format == ActionFormat.Xml)
        {
            var m = MatchAt(_pos, "<tool>");
            if (m == Read.NeedMore)
            {
                return false;
            }

            if (m == Read.Found)
            {
                _tailCheck = false;
                _result = ActionParseResult.Fail("Invalid format: two <tool> blocks in one reply. Call one tool per reply and wait for its observation.", _result.Thought, _pos, ActionFormat.Xml);
            }
        }

        _pos++;
        return true;
    }

    private void NewLine()
    {
        _pos++;
        _lineStart = _pos;
        _labelChecked = false;
    }

    private int SkipSpaces(int i)
    {
        while (i < _len && _buf[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private Read FenceAt(int i)
    {
        i = SkipSpaces(i);
        if (i + 3 > _len)
        {
            return _ended || (i < _len && _buf[i] != '`') || (i + 1 < _len && _buf[i + 1] != '`') ? Read.None : Read.NeedMore;
        }

        return _buf[i] == '`' && _buf[i + 1] == '`' && _buf[i + 2] == '`' ? Read.Found : Read.None;
    }

    private bool EndsWithFinalAnswer(int colon) => EndsWith(colon, "final answer") || EndsWith(colon, "final_answer");

    /// <summary>True when the text before <paramref name="end"/> (ignoring '*') ends with <paramref name="word"/>, case-insensitively.</summary>
    private bool EndsWith(int end, string word)
    {
        var i = end;
        while (i > 0 && _buf[i - 1] == '*')
        {
            i--;
        }

        return i >= word.Length && _buf.AsSpan(i - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private static string DropPartialStop(string text)
    {
        var lastBreak = text.LastIndexOf('\n');
        var last = text[(lastBreak + 1)..].Trim();
        if (lastBreak >= 0 && last.Length > 0 && last.Length < 14 &&
            ("Observation:".StartsWith(last, StringComparison.OrdinalIgnoreCase) || "Question:".StartsWith(last, StringComparison.OrdinalIgnoreCase)))
        {
            return text[..lastBreak];
        }

        return text;
    }
}
