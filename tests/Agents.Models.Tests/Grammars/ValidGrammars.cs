namespace Agents.Models.Tests.Grammars;

/// <summary>Valid GBNF grammars: equivalents of llama.cpp's grammars/*.gbnf examples plus syntax edge cases.</summary>
internal static class ValidGrammars
{
    public const string Json = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws

        object ::=
          "{" ws (
                    string ":" ws value
            ("," ws string ":" ws value)*
          )? "}" ws

        array  ::=
          "[" ws (
                    value
            ("," ws value)*
          )? "]" ws

        string ::=
          "\"" (
            [^"\\\x7F\x00-\x1F] |
            "\\" (["\\bfnrt] | "u" [0-9a-fA-F]{4}) # escapes
          )* "\"" ws

        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws

        # Optional space: by convention, applied in this grammar after literal chars when allowed
        ws ::= | " " | "\n" [ \t]{0,20}
        """;

    public const string Arithmetic = """
        root  ::= (expr "=" ws term "\n")+
        expr  ::= term ([-+*/] term)*
        term  ::= ident | num | "(" ws expr ")" ws
        ident ::= [a-z] [a-z0-9]* ws
        num   ::= [0-9]+ ws
        ws    ::= [ \t\n]*
        """;

    public const string List = """
        root ::= item+

        # Excludes various line break characters
        item ::= "- " [^\r\n\x0b\x0c\x85\u2028\u2029]+ "\n"
        """;

    public const string Chess = """
        # Specifies chess moves as a list in algebraic notation, using PGN conventions
        root   ::= (
            # it must start with the characters "1. " followed by a move, a space and another move
            "1. " move " " move "\n"

            # then more numbered moves
            ([1-9] [0-9]? ". " move " " move "\n")+
        )
        move   ::= (pawn | nonpawn | castle) [+#]?

        nonpawn ::= [NBKQR] [a-h]? [1-8]? "x"? [a-h] [1-8]
        pawn   ::= ([a-h] "x")? [a-h] [1-8] ("=" [NBKQR])?
        castle ::= "O-O" "-O"?
        """;

    public const string Japanese = """
        # A probably incorrect grammar for Japanese
        root        ::= jp-char+ ([ \t\n] jp-char+)*
        jp-char     ::= hiragana | katakana | punctuation | cjk
        hiragana    ::= [ぁ-ゟ]
        katakana    ::= [ァ-ヿ]
        punctuation ::= [、-〾]
        cjk         ::= [一-鿿]
        """;

    public const string CLike = """
        root ::= (declaration)*

        declaration ::= dataType identifier "(" parameter? ")" "{" statement* "}"

        dataType  ::= "int" ws | "float" ws | "char" ws
        identifier ::= [a-zA-Z] [a-zA-Z0-9]*

        parameter ::= dataType identifier

        statement ::=
            ( dataType identifier ws "=" ws expression ";" ) |
            ( identifier ws "=" ws expression ";" ) |
            ( "return" ws expression ";" ) |
            ( "while" "(" condition ")" "{" statement* "}" ) |
            ( "if" "(" condition ")" "{" statement* "}" ("else" "{" statement* "}")? ) |
            ( "//" [^\n]* "\n" )

        condition ::= expression relationOperator expression
        relationOperator ::= ("<=" | "<" | "==" | "!=" | ">=" | ">")

        expression ::= term (("+" | "-") term)*
        term ::= factor(("*" | "/") factor)*
        factor ::= identifier | number | unaryTerm | funcCall | parenExpression
        unaryTerm ::= "-" factor
        funcCall ::= identifier "(" argList? ")"
        parenExpression ::= "(" ws expression ws ")"
        argList ::= expression ("," ws expression)*
        number ::= [0-9]+
        ws ::= ([ \t\n]+)
        """;

    public const string Escapes = "root ::= \"\\x41\\u00e9\\U0001F600\\t\\n\\r\\\\\\\"\\[\\]\" [\\[\\]a-c-] \"end\"\n";

    public const string Repetitions = """
        root ::= [0-9]{3} "-" [0-9]{2,4} "-" [a-z]{1,} "x"{0,2} ("ab" | "c"){ 2 , 3 } "!"?
        """;

    public const string Tokens = "root ::= (\"a\" | <[300]>) \" b\" !<[2]>? \"c\"\n";

    public const string EmptyAlternatives = "root ::= \"x\" ( \"y\" | ) \"z\" ab\nab ::= \"a\" | | \"b\"\n";

    public const string NamesAndComments = """
        # leading comment
        root   ::= rule-1 rule-2 RULE3 # trailing comment
        rule-1 ::= "a" # comment after rule
        # between rules
        rule-2 ::= "b"
        RULE3  ::= "c"
        """;

    public const string CrLf = "root ::= a \"\\n\"\r\na ::= \"x\" |\r\n  \"y\"\r\n";

    public const string AnyChar = "root ::= \"Once\" .{1,20} \".\"\n";

    public const string Redefinition = "root ::= a\na ::= \"first\"\na ::= \"second\"\n";

    public const string NestedGroups = "root ::= ((\"a\" (\"b\" | \"c\")*)+ | [^x-z]) \"!\"\n";

    public const string NegatedAndUnicodeClass = "root ::= [^\"\\\\] [α-ω]+ [\\u0020-\\u007E]\n";

    public const string RightRecursion = "root ::= item\nitem ::= \"x\" item | \"y\"\n";

    public static TheoryData<string, string> All => new()
    {
        { nameof(Json), Json },
        { nameof(Arithmetic), Arithmetic },
        { nameof(List), List },
        { nameof(Chess), Chess },
        { nameof(Japanese), Japanese },
        { nameof(CLike), CLike },
        { nameof(Escapes), Escapes },
        { nameof(Repetitions), Repetitions },
        { nameof(Tokens), Tokens },
        { nameof(EmptyAlternatives), EmptyAlternatives },
        { nameof(NamesAndComments), NamesAndComments },
        { nameof(CrLf), CrLf },
        { nameof(AnyChar), AnyChar },
        { nameof(Redefinition), Redefinition },
        { nameof(NestedGroups), NestedGroups },
        { nameof(NegatedAndUnicodeClass), NegatedAndUnicodeClass },
        { nameof(RightRecursion), RightRecursion },
    };

    public static string Get(string name) => (string)typeof(ValidGrammars).GetField(name)!.GetValue(null)!;
}
