namespace Agents.Tools.Calculator;

/// <summary>Kinds of calculator tokens.</summary>
internal enum CalcTokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    LeftParen,
    RightParen,
    Comma,
    Bang,
    End,
}

/// <summary>One token; <see cref="Position"/> is 1-based.</summary>
internal readonly record struct CalcToken(CalcTokenKind Kind, string Text, int Position, double Value = 0)
{
    /// <summary>How the token is named in error messages.</summary>
    public string Display => Kind == CalcTokenKind.End ? "end of expression" : $"'{Text}'";
}
