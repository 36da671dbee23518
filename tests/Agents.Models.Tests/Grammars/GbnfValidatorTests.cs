using Agents.Models.Grammars;

namespace Agents.Models.Tests.Grammars;

public sealed class GbnfValidatorTests
{
    [Theory]
    [MemberData(nameof(ValidGrammars.All), MemberType = typeof(ValidGrammars))]
    public void Validate_ValidGrammar_DoesNotThrow(string name, string gbnf)
    {
        Assert.NotNull(name);
        GbnfValidator.Validate(gbnf);
    }

    public static TheoryData<string, int, int, string> Invalid => new()
    {
        // grammar, line, column, a word the message must contain
        { "root ::= foo", 1, 10, "undefined rule 'foo'" },
        { "rot ::= \"a\"", 1, 1, "start rule 'root'" },
        { "root ::= \"abc", 1, 10, "unterminated string" },
        { "root ::= [a-z", 1, 10, "unterminated character class" },
        { "root ::= \"\\q\"", 1, 11, "unknown escape" },
        { "root ::= \"\\x4\"", 1, 11, "2 hex digits" },
        { "root ::= \"\\u12G4\"", 1, 11, "4 hex digits" },
        { "root ::= \"\\U0001F60\"", 1, 11, "8 hex digits" },
        { "root ::= (\"a\" | \"b\"", 1, 20, "expecting ')'" },
        { "root ::= \"a\" )", 1, 14, "unbalanced ')'" },
        { "root ::= \"a\"\n  | \"b\"", 2, 3, "expecting a rule name" },
        { "root_x ::= \"a\"", 1, 5, "only letters, digits and '-'" },
        { "root = \"a\"", 1, 6, "expecting '::='" },
        { "root ::= * \"a\"", 1, 10, "no preceding item" },
        { "root ::= \"a\"{", 1, 14, "expecting an integer" },
        { "root ::= \"a\"{2,1}", 1, 16, "less than its minimum" },
        { "root ::= \"a\"{3", 1, 15, "expecting ',' or '}'" },
        { "root ::= \"a\"{1,2", 1, 17, "expecting '}'" },
        { "root ::= \"a\"{2001}", 1, 13, "limit of 2000" },
        { "root ::= (\"a\"{0,50}){0,50}", 1, 21, "limit of 2000" },
        { "root ::= \"a\" \"b\"{40}{60}", 1, 21, "limit of 2000" },
        { "root ::= expr\nexpr ::= expr \"+\" term | term\nterm ::= [0-9]", 2, 1, "left recursion: rule 'expr'" },
        { "root ::= a\na ::= b\nb ::= a", 2, 1, "left recursion: rule 'a'" },
        { "root ::= a\na ::= \"x\"? a", 2, 1, "left recursion: rule 'a'" },
        { "root ::= [z-a]", 1, 13, "reversed" },
        { "", 1, 1, "empty" },
        { "# only a comment\n", 1, 1, "empty" },
        { "root ::= \"a\"\0", 1, 13, "NUL" },
        { "root ::= !\"a\"", 1, 11, "expecting '<'" },
        { "root ::= <[12>", 1, 14, "expecting ']'" },
        { "root ::= <[12]", 1, 15, "expecting '>'" },
        { "root ::= <|im_end", 1, 10, "unterminated token" },
        { "root ::= <[]>", 1, 12, "expecting an integer" },
        { "::= \"a\"", 1, 1, "expecting a rule name" },
        { "root ::= \"a\" [", 1, 14, "unterminated character class" },
        { "root ::= \"\\", 1, 11, "end of input" },
        { "root ::= x\nx ::= y\n", 2, 7, "undefined rule 'y'" },
        { "root ::= \"a\" # comment\n  \"b\"", 2, 3, "expecting a rule name" },
        { "root ::= ( \"a\" ]", 1, 16, "expecting ')'" },
        { "root ::= [\\u00]", 1, 11, "4 hex digits" },
        { "root ::= \"a\"{99999999999999999999999}", 1, 14, "too large" },
        { "root ::= \"a\"\nitem ::= \"b\" \"c\" |\n  other\n", 3, 3, "undefined rule 'other'" },
        { "root ::= \"a\"+?*{2}{,3}", 1, 20, "expecting an integer" },
        { "root ::= \"a\\-b\"", 1, 12, "unknown escape" },
        { "root ::= \"a\"{0,2500}", 1, 13, "limit of 2000" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidGrammar_ThrowsWithPosition(string gbnf, int line, int column, string messagePart)
    {
        var ex = Assert.Throws<GrammarException>(() => GbnfValidator.Validate(gbnf));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"line {line}, column {column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CustomRootMissing_Throws()
    {
        var ex = Assert.Throws<GrammarException>(() => GbnfValidator.Validate("root ::= \"a\"", "start"));
        Assert.Contains("'start'", ex.Message, StringComparison.Ordinal);
        GbnfValidator.Validate("start ::= \"a\"", "start");
    }

    [Fact]
    public void Validate_TokenTextNotInVocabulary_Throws()
    {
        const string gbnf = "root ::= <|im_end|> \"a\"";
        GbnfValidator.Validate(gbnf);
        var ex = Assert.Throws<GrammarException>(() => GbnfValidator.Validate(gbnf, "root", t => t == "<|eot|>"));
        Assert.Equal((1, 10), (ex.Line, ex.Column));
        GbnfValidator.Validate(gbnf, "root", t => t == "<|im_end|>");
    }

    [Fact]
    public void Validate_DeepNesting_ThrowsInsteadOfOverflowingTheStack()
    {
        string deep = "root ::= " + new string('(', 100_000) + "\"a\"" + new string(')', 100_000);
        var ex = Assert.Throws<GrammarException>(() => GbnfValidator.Validate(deep));
        Assert.Contains("nest deeper", ex.Message, StringComparison.Ordinal);

        var chain = new System.Text.StringBuilder("root ::= r0\n");
        for (int i = 0; i < 50_000; i++)
        {
            chain.Append('r').Append(i).Append(" ::= r").Append(i + 1).Append(" \"x\"\n");
        }

        chain.Append("r50000 ::= \"end\"\n");
        var ex2 = Assert.Throws<GrammarException>(() => GbnfValidator.Validate(chain.ToString()));
        Assert.Contains("levels deep", ex2.Message, StringComparison.Ordinal);

        var ok = new System.Text.StringBuilder("root ::= r0\n");
        for (int i = 0; i < 500; i++)
        {
            ok.Append('r').Append(i).Append(" ::= r").Append(i + 1).Append(" \"x\"\n");
        }

        GbnfValidator.Validate(ok.Append("r500 ::= \"end\"\n").ToString());
    }

    [Fact]
    public void Validate_NullGrammar_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => GbnfValidator.Validate(null!));
    }
}
