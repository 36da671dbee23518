using System.Text.RegularExpressions;
using Agents.Core.Actions;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Actions;

public sealed partial class ActionGrammarTests
{
    private static readonly AIFunction[] Tools =
    [
        AIFunctionFactory.Create((string expression) => expression, "calculator", "Calculates."),
        AIFunctionFactory.Create((string q) => q, "web \"search\"", "Odd name with quotes."),
    ];

    public static TheoryData<ActionFormat> Formats() => new() { ActionFormat.Auto, ActionFormat.React, ActionFormat.Json, ActionFormat.Xml, ActionFormat.Bracket };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Build_EachFormat_IsStructurallyValidGbnf(ActionFormat format)
    {
        var grammar = ActionGrammar.Build(format, Tools);
        var rules = new Dictionary<string, string>();
        foreach (var line in grammar.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = RuleLine().Match(line);
            Assert.True(m.Success, $"not a rule: {line}");
            Assert.True(rules.TryAdd(m.Groups[1].Value, m.Groups[2].Value), $"rule defined twice: {m.Groups[1].Value}");
        }

        Assert.Contains("root", rules.Keys);
        foreach (var (name, body) in rules)
        {
            var stripped = StripLiteralsAndClasses(body, name);
            Assert.Equal(stripped.Count(c => c == '('), stripped.Count(c => c == ')'));
            foreach (Match reference in Identifier().Matches(stripped))
            {
                Assert.True(rules.ContainsKey(reference.Value), $"rule '{name}' uses undefined '{reference.Value}'");
            }
        }
    }

    [Fact]
    public void Build_React_ListsToolNamesAsEscapedLiterals()
    {
        var grammar = ActionGrammar.Build(ActionFormat.React, Tools);
        Assert.Contains("tool ::= \"calculator\" | \"web \\\"search\\\"\"", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoTools_OnlyAllowsFinalAnswer()
    {
        var grammar = ActionGrammar.Build(ActionFormat.React, []);
        Assert.DoesNotContain("action ::=", grammar, StringComparison.Ordinal);
        Assert.Contains("final ::=", grammar, StringComparison.Ordinal);
    }

    /// <summary>Removes string literals and character classes, checking each is closed.</summary>
    private static string StripLiteralsAndClasses(string body, string rule)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c is '"' or '[')
            {
                var close = c == '"' ? '"' : ']';
                var j = i + 1;
                while (j < body.Length && body[j] != close)
                {
                    j += body[j] == '\\' ? 2 : 1;
                }

                Assert.True(j < body.Length, $"unclosed {c} in rule '{rule}'");
                i = j;
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^([a-z][a-z0-9-]*) ::= (.+)$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"[a-z][a-z0-9-]*")]
    private static partial Regex Identifier();
}
