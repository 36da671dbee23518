using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agents.Core.Actions;

/// <summary>Reads JSON as models write it: strict JSON first, then a normalised form (single quotes, unquoted keys, comments, Python literals).</summary>
internal static class LenientJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses <paramref name="text"/>, or returns null when even the lenient reading fails.</summary>
    public static JsonNode? TryParse(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(trimmed.ToString(), documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
        }

        try
        {
            return JsonNode.Parse(Normalize(trimmed), documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Renders a node as text for a tool: strings as themselves, anything else as compact JSON.</summary>
    public static string ToText(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";

    private static string Normalize(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = CopyString(text, i, sb);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') { i++; }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text[(i + 2)..].IndexOf("*/", StringComparison.Ordinal);
                i = end < 0 ? text.Length : i + 2 + end + 2;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$' or '-' or '+' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$' or '-' or '+' or '.')) { i++; }
                AppendBare(text[start..i], sb);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static void AppendBare(ReadOnlySpan<char> token, StringBuilder sb)
    {
        switch (token)
        {
            case "true" or "True": sb.Append("true"); return;
            case "false" or "False": sb.Append("false"); return;
            case "null" or "None": sb.Append("null"); return;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            sb.Append(token.TrimStart('+'));
            return;
        }

        sb.Append('"').Append(token).Append('"');
    }

    private static int CopyString(ReadOnlySpan<char> text, int start, StringBuilder sb)
    {
        var quote = text[start];
        sb.Append('"');
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next == '\'') { sb.Append('\''); }
                else { sb.Append(c).Append(next); }
                i += 2;
                continue;
            }

            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ') { sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); }
                    else { sb.Append(c); }
                    break;
            }

            i++;
        }

        sb.Append('"');
        return i + 1;
    }
}
