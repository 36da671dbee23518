using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;

namespace Agents.Tools.Web;

/// <summary>
/// Checks a URL before any connection: only <c>http</c>/<c>https</c> with <c>//</c>; no control characters
/// (CR, LF, NUL, tab…), backslashes, userinfo ('@'), or percent-escapes in the host; the host is parsed the
/// way browsers do (WHATWG URL): IPv4 in decimal <c>2130706433</c>, octal <c>0177.0.0.1</c>, hex
/// <c>0x7f.1</c> or short <c>127.1</c> forms is recognised as the address it means; IPv6 literals are
/// classified; <c>localhost</c> and <c>*.localhost</c> are refused unless allowed. Returns a canonical
/// <see cref="Uri"/> whose host is exactly the host that was checked. Host names are checked again on the
/// addresses they resolve to, at connect time (<see cref="GuardedConnector"/>).
/// </summary>
public sealed class UrlGuard
{
    private readonly string[] _allowed;

    /// <summary>Creates the guard; <paramref name="allowedHosts"/> may be private (see <see cref="WebFetchOptions.AllowedHosts"/>).</summary>
    public UrlGuard(IEnumerable<string>? allowedHosts = null)
    {
        _allowed = (allowedHosts ?? []).Select(Normalize).Where(h => h.Length > 0).ToArray();
    }

    /// <summary>Whether <paramref name="host"/> (a name or an IP literal) was explicitly allowed to be private.</summary>
    public bool IsAllowed(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var h = Normalize(host);
        foreach (var a in _allowed)
        {
            if (a == h || (a.StartsWith("*.", StringComparison.Ordinal) && h.EndsWith(a[1..], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks <paramref name="url"/>; returns the canonical URI or throws <see cref="FetchBlockedException"/>.</summary>
    public Uri Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = Show(url);
        var s = url.Trim(' ');
        if (s.Length == 0)
        {
            throw new FetchBlockedException("the URL is empty.", shown);
        }

        if (s.Length > 4096)
        {
            throw new FetchBlockedException("the URL is longer than 4096 characters.", shown);
        }

        foreach (var c in s)
        {
            if (char.IsControl(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\uFEFF' || (c >= '\u202A' && c <= '\u202E'))
            {
                throw new FetchBlockedException($"the URL contains a control character (U+{(int)c:X4}, e.g. CR/LF); refused.", shown);
            }
        }

        if (s.Contains('\\', StringComparison.Ordinal))
        {
            throw new FetchBlockedException("backslashes are not allowed in URLs.", shown);
        }

        s = s.Replace(" ", "%20", StringComparison.Ordinal);
        var schemeEnd = s.IndexOf(':', StringComparison.Ordinal);
        string scheme;
        if (schemeEnd > 0 && IsScheme(s.AsSpan(0, schemeEnd)) && !(s.Length > schemeEnd + 1 && char.IsAsciiDigit(s[schemeEnd + 1]) && !s.Contains("://", StringComparison.Ordinal)))
        {
            scheme = s[..schemeEnd].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                throw new FetchBlockedException($"only http and https URLs can be fetched, not '{Show(scheme)}:'.", shown);
            }

            if (string.CompareOrdinal(s, schemeEnd, "://", 0, 3) != 0)
            {
                throw new FetchBlockedException("write the URL as http://host/… or https://host/….", shown);
            }

            s = s[(schemeEnd + 3)..];
        }
        else
        {
            scheme = "https"; // "example.com/page": small models often leave the scheme out.
        }

        var end = s.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? s : s[..end];
        var rest = end < 0 ? "/" : s[end..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        if (rest.Length == 0 || rest[0] != '/')
        {
            rest = "/" + rest;
        }

        if (authority.Contains('@', StringComparison.Ordinal))
        {
            throw new FetchBlockedException("URLs with a user name or password ('user@host') are not allowed.", shown);
        }

        if (authority.Contains('%', StringComparison.Ordinal))
        {
            throw new FetchBlockedException("percent-encoded characters in the host name are not allowed.", shown);
        }

        var (host, port) = SplitHostPort(authority, shown);
        string canonicalHost;
        if (host.StartsWith('['))
        {
            if (!IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw new FetchBlockedException($"'{Show(host)}' is not a valid IPv6 address.", shown);
            }

            if (!IsAllowed(v6.ToString()) && AddressClassifier.WhyBlocked(v6) is { } why)
            {
                throw new FetchBlockedException($"{v6} is {why}.", shown);
            }

            canonicalHost = "[" + v6 + "]";
        }
        else
        {
            var name = host.ToLowerInvariant();
            foreach (var c in name)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' || (c > 127 && !char.IsControl(c) && !char.IsWhiteSpace(c))))
                {
                    throw new FetchBlockedException($"'{Show(host)}' is not a valid host name.", shown);
                }
            }

            if (name.Any(c => c > 127))
            {
                // IDNA maps full-width digits, ideographic dots and look-alike letters to ASCII
                // ("１２７。０。０。１" is 127.0.0.1): check what the name becomes, not how it looks.
                try
                {
                    name = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }.GetAscii(name).ToLowerInvariant();
                }
                catch (ArgumentException)
                {
                    throw new FetchBlockedException($"'{Show(host)}' is not a valid host name.", shown);
                }
            }

            if (TryParseIPv4(name, out var v4, out var isIPv4Like))
            {
                if (!IsAllowed(v4.ToString()) && AddressClassifier.WhyBlocked(v4) is { } why)
                {
                    throw new FetchBlockedException(name == v4.ToString() ? $"{v4} is {why}." : $"'{Show(host)}' means {v4}, which is {why}.", shown);
                }

                canonicalHost = v4.ToString();
            }
            else if (isIPv4Like)
            {
                throw new FetchBlockedException($"'{Show(host)}' is not a valid IPv4 address.", shown);
            }
            else
            {
                var bare = name.TrimEnd('.');
                if (bare.Length == 0 || name.EndsWith("..", StringComparison.Ordinal) || bare.Length > 253 || bare.Split('.').Any(l => l.Length == 0 || l.Length > 63))
                {
                    throw new FetchBlockedException($"'{Show(host)}' is not a valid host name.", shown);
                }

                if (!IsAllowed(bare) && WhyNameBlocked(bare) is { } whyName)
                {
                    throw new FetchBlockedException($"'{Show(host)}' is {whyName}.", shown);
                }

                canonicalHost = bare;
            }
        }

        var text = $"{scheme}://{canonicalHost}{(port is null ? string.Empty : ":" + port)}{rest}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.Equals(uri.IdnHost.Trim('[', ']'), canonicalHost.Trim('[', ']').TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new FetchBlockedException("the URL could not be parsed unambiguously.", shown);
        }

        return uri;
    }

    /// <summary>
    /// Parses a host the way the WHATWG URL standard does for IPv4: 1 to 4 dot-separated numbers, each
    /// decimal, octal (leading 0) or hex (0x); the last fills the remaining bytes. <paramref name="looksLikeIPv4"/>
    /// is true when the last label is numeric (such a host must be a valid IPv4 address or nothing).
    /// </summary>
    public static bool TryParseIPv4(string host, out IPAddress address, out bool looksLikeIPv4)
    {
        ArgumentNullException.ThrowIfNull(host);
        address = IPAddress.None;
        var labels = host.Split('.').ToList();
        if (labels.Count > 1 && labels[^1].Length == 0)
        {
            labels.RemoveAt(labels.Count - 1);
        }

        looksLikeIPv4 = labels.Count > 0 && labels[^1].Length > 0 && (labels[^1].All(char.IsAsciiDigit) || IsHexLabel(labels[^1]));
        if (!looksLikeIPv4 || labels.Count > 4)
        {
            return false;
        }

        var numbers = new List<BigInteger>();
        foreach (var label in labels)
        {
            if (!TryParseNumber(label, out var n))
            {
                return false;
            }

            numbers.Add(n);
        }

        for (var i = 0; i < numbers.Count - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return false;
            }
        }

        if (numbers[^1] >= BigInteger.Pow(256, 5 - numbers.Count))
        {
            return false;
        }

        var value = numbers[^1];
        for (var i = 0; i < numbers.Count - 1; i++)
        {
            value += numbers[i] * BigInteger.Pow(256, 3 - i);
        }

        var v = (uint)value;
        address = new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        return true;
    }

    private static bool IsHexLabel(string label) =>
        label.Length >= 2 && label[0] == '0' && (label[1] is 'x' or 'X') && label.Skip(2).All(char.IsAsciiHexDigit);

    private static bool TryParseNumber(string label, out BigInteger value)
    {
        value = 0;
        if (label.Length == 0 || label.Length > 64)
        {
            return false;
        }

        if (label.Length >= 2 && label[0] == '0' && (label[1] is 'x' or 'X'))
        {
            foreach (var c in label.AsSpan(2))
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }

                value = (value * 16) + Convert.ToInt32(c.ToString(), 16);
            }

            return true;
        }

        var radix = label.Length > 1 && label[0] == '0' ? 8 : 10;
        foreach (var c in label)
        {
            if (c < '0' || c >= '0' + radix)
            {
                return false;
            }

            value = (value * radix) + (c - '0');
        }

        return true;
    }

    private static (string Host, string? Port) SplitHostPort(string authority, string shown)
    {
        string host;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FetchBlockedException("unclosed '[' in the host.", shown);
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                port = after[0] == ':' ? after[1..] : throw new FetchBlockedException("unexpected text after the IPv6 address.", shown);
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? null : authority[(colon + 1)..];
        }

        if (host.Length == 0 || host == "[]")
        {
            throw new FetchBlockedException("the URL has no host.", shown);
        }

        if (port is not null)
        {
            if (port.Length == 0)
            {
                port = null;
            }
            else if (port.Length > 5 || !port.All(char.IsAsciiDigit) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw new FetchBlockedException($"'{Show(port)}' is not a valid port.", shown);
            }
        }

        return (host, port);
    }

    /// <summary>
    /// Names that only ever mean something private, refused before any DNS lookup: <c>localhost</c> and
    /// <c>*.localhost</c>, mDNS <c>*.local</c>, the private-use <c>*.internal</c> and <c>*.home.arpa</c>, and
    /// cloud metadata names. Other names are judged by the addresses they resolve to.
    /// </summary>
    private static string? WhyNameBlocked(string name)
    {
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return "the local machine (loopback)";
        }

        if (name is "metadata" or "metadata.google.internal" or "metadata.goog" or "instance-data" or "instance-data.ec2.internal" or "metadata.azure.com")
        {
            return "a cloud metadata service";
        }

        if (name.EndsWith(".local", StringComparison.Ordinal) || name.EndsWith(".internal", StringComparison.Ordinal)
            || name.EndsWith(".home.arpa", StringComparison.Ordinal) || name == "home.arpa")
        {
            return "a local-network name (.local, .internal, .home.arpa)";
        }

        return null;
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalize(string host)
    {
        var h = host.Trim().ToLowerInvariant();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        return h.TrimEnd('.');
    }

    internal static string Show(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, 200));
        foreach (var c in s.Take(200))
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return s.Length > 200 ? sb + "…" : sb.ToString();
    }
}
