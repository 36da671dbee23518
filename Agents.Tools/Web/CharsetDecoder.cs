using System.Text;
using System.Text.RegularExpressions;

namespace Agents.Tools.Web;

/// <summary>
/// Turns response bytes into text: a byte-order mark wins, then the Content-Type charset, then (for HTML) a
/// <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration in the first 1,024 bytes, then UTF-8 when the
/// bytes are valid UTF-8, else windows-1252. Labels map as browsers map them (iso-8859-1 and us-ascii mean
/// windows-1252; a meta utf-16 means utf-8). Legacy code pages come from <see cref="CodePagesEncodingProvider"/>.
/// </summary>
internal static partial class CharsetDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes, string? headerCharset, bool isHtml)
    {
        var (encoding, skip) = Sniff(bytes, headerCharset, isHtml);
        return encoding.GetString(bytes, skip, bytes.Length - skip);
    }

    public static (Encoding Encoding, int Skip) Sniff(byte[] bytes, string? headerCharset, bool isHtml)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return (Encoding.UTF8, 3);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return (Encoding.Unicode, 2);
        }

        if (Lookup(headerCharset, fromMeta: false) is { } fromHeader)
        {
            return (fromHeader, 0);
        }

        if (isHtml)
        {
            var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
            var m = MetaCharset().Match(head);
            if (m.Success && Lookup(m.Groups["cs"].Value, fromMeta: true) is { } fromMeta)
            {
                return (fromMeta, 0);
            }
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return (Encoding.UTF8, 0);
        }
        catch (DecoderFallbackException)
        {
            return (Lookup("windows-1252", false)!, 0);
        }
    }

    public static Encoding? Lookup(string? label, bool fromMeta)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252" => "windows-1252",
            "utf8" or "unicode-1-1-utf-8" => "utf-8",
            "utf-16" or "utf-16le" or "utf-16be" when fromMeta => "utf-8",
            _ => name,
        };
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""<meta[^>]+?charset\s*=\s*["']?\s*(?<cs>[A-Za-z0-9_.:\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
