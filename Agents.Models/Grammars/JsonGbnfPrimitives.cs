using System.Globalization;
using System.Text;

namespace Agents.Models.Grammars;

/// <summary>GBNF rules for JSON primitives and helpers that write GBNF literals.</summary>
internal static class JsonGbnfPrimitives
{
    internal const string Space = "| \" \" | \"\\n\" [ \\t]{0,20}";
    internal const string Char = "[^\"\\\\\\x7F\\x00-\\x1F] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})";
    internal const string IntegralPart = "[0] | [1-9] [0-9]{0,15}";
    internal const string DecimalPart = "[0-9]{1,16}";
    internal const string Number = "(\"-\"? integral-part) (\".\" decimal-part)? ([eE] [-+]? integral-part)? space";
    internal const string Integer = "(\"-\"? integral-part) space";
    internal const string Boolean = "(\"true\" | \"false\") space";
    internal const string Null = "\"null\" space";
    internal const string String = "\"\\\"\" char* \"\\\"\" space";
    internal const string Value = "object | array | string | number | boolean | null";
    internal const string Object = "\"{\" space ( string \":\" space value (\",\" space string \":\" space value)* )? \"}\" space";
    internal const string Array = "\"[\" space ( value (\",\" space value)* )? \"]\" space";

    internal const string Date = "[0-9]{4} \"-\" ( \"0\" [1-9] | \"1\" [0-2] ) \"-\" ( \"0\" [1-9] | [1-2] [0-9] | \"3\" [0-1] )";
    internal const string Time = "([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{3} )? ( \"Z\" | ( \"+\" | \"-\" ) ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )";
    internal const string Uuid = "[0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12}";

    /// <summary>What each primitive rule needs besides itself.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Body, string[] Deps)> Rules =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["space"] = (Space, []),
            ["char"] = (Char, []),
            ["integral-part"] = (IntegralPart, []),
            ["decimal-part"] = (DecimalPart, []),
            ["number"] = (Number, ["integral-part", "decimal-part", "space"]),
            ["integer"] = (Integer, ["integral-part", "space"]),
            ["boolean"] = (Boolean, ["space"]),
            ["null"] = (Null, ["space"]),
            ["string"] = (String, ["char", "space"]),
            ["value"] = (Value, ["object", "array", "string", "number", "boolean", "null"]),
            ["object"] = (Object, ["space", "string", "value"]),
            ["array"] = (Array, ["space", "value"]),
            ["date"] = (Date, []),
            ["time"] = (Time, []),
            ["date-time"] = ("date \"T\" time", ["date", "time"]),
            ["uuid"] = (Uuid, []),
        };

    /// <summary>A GBNF string literal that matches exactly <paramref name="text"/>.</summary>
    internal static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A GBNF literal that matches the JSON encoding of one character inside a JSON string.</summary>
    internal static string JsonCharLiteral(int codePoint) => codePoint switch
    {
        '"' => Literal("\\\""),
        '\\' => Literal("\\\\"),
        '\n' => Literal("\\n"),
        '\t' => Literal("\\t"),
        '\r' => Literal("\\r"),
        < 0x20 => Literal("\\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture)),
        _ => Literal(char.ConvertFromUtf32(codePoint)),
    };

    /// <summary>A character of a GBNF character class, escaped as needed.</summary>
    internal static string ClassChar(int codePoint) => codePoint switch
    {
        '\\' or ']' or '[' or '"' or '^' or '-' => "\\x" + codePoint.ToString("X2", CultureInfo.InvariantCulture),
        < 0x20 or 0x7F => "\\x" + codePoint.ToString("X2", CultureInfo.InvariantCulture),
        _ => char.ConvertFromUtf32(codePoint),
    };
}
