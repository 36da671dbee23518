namespace Agents.Core.Actions;

/// <summary>
/// An incremental recogniser for lenient JSON (single quotes, unquoted keys, comments, trailing commas,
/// Python literals, raw newlines in strings). Fed one character at a time, it says as early as possible
/// whether the text is still a possible JSON value, is complete, or cannot be JSON.
/// </summary>
internal sealed class JsonScanner
{
    internal enum Status { Continue, Done, Invalid }

    private enum State { Value, KeyOrClose, Key, Colon, CommaOrClose, ValueOrClose, String, Escape, Bare, Slash, LineComment, BlockComment, BlockStar }

    private const int MaxDepth = 64;
    private readonly bool[] _isObject = new bool[MaxDepth];
    private readonly char[] _bare = new char[32];
    private int _bareLength;
    private bool _bareIsKey;
    private int _depth;
    private State _state;
    private State _afterComment;
    private char _quote;
    private bool _stringIsKey;

    /// <summary>Starts a scan; the first character must be '{' or '['.</summary>
    public void Reset()
    {
        _depth = 0;
        _state = State.Value;
        _bareLength = 0;
    }

    public Status Feed(char c)
    {
        switch (_state)
        {
            case State.String:
                if (c == '\\') { _state = State.Escape; }
                else if (c == _quote) { _state = _stringIsKey ? State.Colon : State.CommaOrClose; }
                return Status.Continue;
            case State.Escape:
                _state = State.String;
                return Status.Continue;
            case State.Bare:
                if (char.IsLetterOrDigit(c) || c is '_' or '.' or '+' or '-' or '$')
                {
                    if (_bareLength == _bare.Length) { return Status.Invalid; }
                    _bare[_bareLength++] = c;
                    return Status.Continue;
                }

                if (!BareIsValid()) { return Status.Invalid; }
                _state = _bareIsKey ? State.Colon : State.CommaOrClose;
                return Feed(c);
            case State.LineComment:
                if (c == '\n') { _state = _afterComment; }
                return Status.Continue;
            case State.BlockComment:
                if (c == '*') { _state = State.BlockStar; }
                return Status.Continue;
            case State.BlockStar:
                _state = c == '/' ? _afterComment : c == '*' ? State.BlockStar : State.BlockComment;
                return Status.Continue;
            case State.Slash:
                if (c == '/') { _state = State.LineComment; return Status.Continue; }
                if (c == '*') { _state = State.BlockComment; return Status.Continue; }
                return Status.Invalid;
        }

        if (char.IsWhiteSpace(c)) { return Status.Continue; }
        if (c == '/') { _afterComment = _state; _state = State.Slash; return Status.Continue; }

        switch (_state)
        {
            case State.Value:
            case State.ValueOrClose:
                if (c == ']' && _state == State.ValueOrClose) { return Close(false); }
                return StartValue(c);
            case State.KeyOrClose:
            case State.Key:
                if (c == '}' && _state == State.KeyOrClose) { return Close(true); }
                if (c is '"' or '\'') { _quote = c; _stringIsKey = true; _state = State.String; return Status.Continue; }
                if (char.IsLetter(c) || c is '_' or '$') { StartBare(c, key: true); return Status.Continue; }
                return Status.Invalid;
            case State.Colon:
                if (c == ':') { _state = State.Value; return Status.Continue; }
                return Status.Invalid;
            case State.CommaOrClose:
                if (c == ',') { _state = _isObject[_depth - 1] ? State.KeyOrClose : State.ValueOrClose; return Status.Continue; }
                if (c == '}') { return Close(true); }
                if (c == ']') { return Close(false); }
                return Status.Invalid;
            default:
                return Status.Invalid;
        }
    }

    private Status StartValue(char c)
    {
        if (c is '{' or '[')
        {
            if (_depth == MaxDepth) { return Status.Invalid; }
            _isObject[_depth++] = c == '{';
            _state = c == '{' ? State.KeyOrClose : State.ValueOrClose;
            return Status.Continue;
        }

        if (_depth == 0) { return Status.Invalid; }
        if (c is '"' or '\'') { _quote = c; _stringIsKey = false; _state = State.String; return Status.Continue; }
        if (char.IsLetterOrDigit(c) || c is '-' or '+' or '.') { StartBare(c, key: false); return Status.Continue; }
        return Status.Invalid;
    }

    private void StartBare(char c, bool key)
    {
        _bareLength = 1;
        _bare[0] = c;
        _bareIsKey = key;
        _state = State.Bare;
    }

    private Status Close(bool isObject)
    {
        if (_depth == 0 || _isObject[_depth - 1] != isObject) { return Status.Invalid; }
        _depth--;
        _state = State.CommaOrClose;
        return _depth == 0 ? Status.Done : Status.Continue;
    }

    private bool BareIsValid()
    {
        var token = _bare.AsSpan(0, _bareLength);
        if (_bareIsKey) { return true; }
        if (token is "true" or "false" or "null" or "True" or "False" or "None" or "NaN" or "Infinity" or "-Infinity") { return true; }
        return double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
