namespace Agents.Models.Grammars;

/// <summary>
/// Validates GBNF grammars exactly as llama.cpp (tag b10221) parses and initializes them, so that an invalid
/// grammar is reported with its line and column instead of crashing the native library (llama.cpp returns a
/// null sampler for an invalid grammar, which takes the process down).
/// </summary>
/// <remarks>
/// Checked: syntax (rule names, <c>::=</c>, literals and their escapes, character classes, groups, repetition
/// operators and their limits, token references), undefined rules, the presence of the start rule, and left
/// recursion. Token references written as text (<c>&lt;|im_end|&gt;</c>) need the model's vocabulary: pass
/// <c>isSingleToken</c> to check them; <c>&lt;[id]&gt;</c> references are always accepted.
/// </remarks>
public static class GbnfValidator
{
    /// <summary>Deepest chain of leftmost rule references accepted.</summary>
    public const int MaxRuleDepth = 2000;

    /// <summary>Validates a GBNF grammar; throws <see cref="GrammarException"/> at the first error.</summary>
    /// <param name="gbnf">The grammar text.</param>
    /// <param name="root">The name of the start rule.</param>
    /// <exception cref="GrammarException">The grammar is invalid; the exception carries line and column.</exception>
    public static void Validate(string gbnf, string root = "root") => Validate(gbnf, root, null);

    /// <summary>Validates a GBNF grammar; throws <see cref="GrammarException"/> at the first error.</summary>
    /// <param name="gbnf">The grammar text.</param>
    /// <param name="root">The name of the start rule.</param>
    /// <param name="isSingleToken">
    /// Answers whether a token text such as <c>&lt;|im_end|&gt;</c> is exactly one token of the model's vocabulary;
    /// null accepts any.
    /// </param>
    /// <exception cref="GrammarException">The grammar is invalid; the exception carries line and column.</exception>
    public static void Validate(string gbnf, string root, Func<string, bool>? isSingleToken)
    {
        ArgumentNullException.ThrowIfNull(gbnf);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var parser = GbnfParser.Parse(gbnf, isSingleToken);
        if (parser.Rules.Count == 0)
        {
            throw new GrammarException("grammar is empty: it defines no rules", 1, 1);
        }

        if (!parser.SymbolIds.TryGetValue(root, out _))
        {
            throw new GrammarException($"grammar does not define the start rule '{root}' ('{root} ::= ...')", 1, 1);
        }

        CheckLeftRecursion(parser);
    }

    private static void CheckLeftRecursion(GbnfParser parser)
    {
        int n = parser.Rules.Count;
        var visited = new bool[n];
        var inProgress = new bool[n];
        var mayBeEmpty = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (visited[i])
            {
                continue;
            }

            int found = DetectLeftRecursion(parser, parser.Rules, i, visited, inProgress, mayBeEmpty, 0);
            if (found >= 0)
            {
                int p = parser.PositionOf(found);
                int where = p < 0 ? -1 - p : p;
                throw parser.Error(
                    $"left recursion: rule '{parser.NameOf(found)}' can reach itself without consuming input (llama.cpp rejects left-recursive grammars)",
                    where);
            }
        }
    }

    // Same rule as llama_grammar_detect_left_recursion; returns the rule found in progress again, or -1.
    private static int DetectLeftRecursion(GbnfParser parser, IReadOnlyList<List<GbnfElement>?> rules, int index, bool[] visited, bool[] inProgress, bool[] mayBeEmpty, int depth)
    {
        if (depth > MaxRuleDepth)
        {
            int p = parser.PositionOf(index);
            throw parser.Error($"rules refer to each other more than {MaxRuleDepth} levels deep at the start of a sequence (llama.cpp would overflow its stack)", p < 0 ? -1 - p : p);
        }

        if (inProgress[index])
        {
            return index;
        }

        if (visited[index])
        {
            return -1;
        }

        inProgress[index] = true;
        var rule = rules[index]!;
        bool atRuleStart = true;
        foreach (var element in rule)
        {
            if (element.IsEndOfSequence)
            {
                if (atRuleStart)
                {
                    mayBeEmpty[index] = true;
                    break;
                }

                atRuleStart = true;
            }
            else
            {
                atRuleStart = false;
            }
        }

        bool recurse = true;
        foreach (var element in rule)
        {
            if (element.Type == GbnfElementType.RuleRef && recurse)
            {
                int found = DetectLeftRecursion(parser, rules, (int)element.Value, visited, inProgress, mayBeEmpty, depth + 1);
                if (found >= 0)
                {
                    return found;
                }

                if (!mayBeEmpty[(int)element.Value])
                {
                    recurse = false;
                }
            }
            else
            {
                recurse = element.IsEndOfSequence;
            }
        }

        inProgress[index] = false;
        visited[index] = true;
        return -1;
    }
}
