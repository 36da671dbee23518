namespace Agents.Models.Store;

/// <summary>
/// Where a model file comes from: an <c>https://</c> URL, or a Hugging Face file written
/// <c>hf:owner/repo/path/file.gguf</c> with an optional <c>@revision</c> (default <c>main</c>).
/// A Hugging Face reference maps to <c>{base}/{owner}/{repo}/resolve/{revision}/{path}</c>.
/// </summary>
public sealed class ModelReference
{
    /// <summary>The Hugging Face hub used when no other base is given.</summary>
    public static readonly Uri DefaultHuggingFaceBaseUri = new("https://huggingface.co/");

    private const string HfPrefix = "hf:";
    private const int MaxReferenceLength = 2048;

    private ModelReference(string text, Uri downloadUri, string cacheRelativePath, string? owner, string? repository, string? revision, string? filePath)
    {
        Text = text;
        DownloadUri = downloadUri;
        CacheRelativePath = cacheRelativePath;
        Owner = owner;
        Repository = repository;
        Revision = revision;
        FilePath = filePath;
    }

    /// <summary>The reference as written by the user.</summary>
    public string Text { get; }

    /// <summary>The URL the file is downloaded from.</summary>
    public Uri DownloadUri { get; }

    /// <summary>Where the file lives inside the cache, with '/' separators (for example <c>huggingface/Qwen/Repo/file.gguf</c>).</summary>
    public string CacheRelativePath { get; }

    /// <summary>The file name (last segment of <see cref="CacheRelativePath"/>).</summary>
    public string FileName => CacheRelativePath[(CacheRelativePath.LastIndexOf('/') + 1)..];

    /// <summary>Hugging Face owner, or null for a plain URL.</summary>
    public string? Owner { get; }

    /// <summary>Hugging Face repository, or null for a plain URL.</summary>
    public string? Repository { get; }

    /// <summary>Hugging Face revision (branch, tag or commit), or null for a plain URL.</summary>
    public string? Revision { get; }

    /// <summary>Path of the file inside the Hugging Face repository, or null for a plain URL.</summary>
    public string? FilePath { get; }

    /// <summary>True for an <c>hf:</c> reference: the hub publishes the sha256 of large files.</summary>
    public bool IsHuggingFace => Owner is not null;

    /// <summary>True when <paramref name="text"/> has the shape of a reference (<c>https://</c>, <c>http://</c> or <c>hf:</c>) rather than a path.</summary>
    /// <param name="text">A model path or reference.</param>
    public static bool LooksLikeReference(string? text) =>
        text is not null &&
        (text.StartsWith(HfPrefix, StringComparison.OrdinalIgnoreCase) ||
         text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
         text.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a reference.</summary>
    /// <param name="text">An <c>https://</c> URL or <c>hf:owner/repo/file.gguf[@revision]</c>.</param>
    /// <param name="huggingFaceBaseUri">The hub that <c>hf:</c> references resolve against; <see cref="DefaultHuggingFaceBaseUri"/> when null.</param>
    /// <exception cref="InvalidModelReferenceException">The text is not a valid reference; the message says why.</exception>
    public static ModelReference Parse(string text, Uri? huggingFaceBaseUri = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, huggingFaceBaseUri, out var reference, out var error)
            ? reference!
            : throw new InvalidModelReferenceException(text, error!);
    }

    /// <summary>Parses a reference without throwing.</summary>
    /// <param name="text">An <c>https://</c> URL or <c>hf:owner/repo/file.gguf[@revision]</c>.</param>
    /// <param name="huggingFaceBaseUri">The hub that <c>hf:</c> references resolve against; <see cref="DefaultHuggingFaceBaseUri"/> when null.</param>
    /// <param name="reference">The parsed reference, or null.</param>
    /// <param name="error">Why parsing failed, or null.</param>
    /// <returns>True when <paramref name="text"/> is a valid reference.</returns>
    public static bool TryParse(string? text, Uri? huggingFaceBaseUri, out ModelReference? reference, out string? error)
    {
        reference = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the reference is empty";
            return false;
        }

        if (text.Length > MaxReferenceLength)
        {
            error = $"the reference is longer than {MaxReferenceLength} characters";
            return false;
        }

        text = text.Trim();
        return text.StartsWith(HfPrefix, StringComparison.OrdinalIgnoreCase)
            ? TryParseHuggingFace(text, huggingFaceBaseUri ?? DefaultHuggingFaceBaseUri, out reference, out error)
            : TryParseUrl(text, out reference, out error);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryParseHuggingFace(string text, Uri baseUri, out ModelReference? reference, out string? error)
    {
        reference = null;
        var body = text[HfPrefix.Length..];
        string revision = "main";
        var at = body.LastIndexOf('@');
        if (at >= 0)
        {
            revision = body[(at + 1)..];
            body = body[..at];
            if (!IsSafeSegment(revision))
            {
                error = $"the revision '{revision}' after '@' is empty or has characters other than letters, digits, '.', '_', '-'";
                return false;
            }
        }

        var parts = body.Split('/');
        if (parts.Length < 3)
        {
            error = "expected hf:owner/repo/file.gguf (owner, repository and file path separated by '/')";
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!IsSafeSegment(parts[i]))
            {
                error = $"path segment {i + 1} ('{parts[i]}') is empty, '.', '..' or has characters other than letters, digits, '.', '_', '-'";
                return false;
            }
        }

        var owner = parts[0];
        var repo = parts[1];
        var filePath = string.Join('/', parts[2..]);
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri.AbsoluteUri : baseUri.AbsoluteUri + "/";
        var uri = new Uri($"{root}{owner}/{repo}/resolve/{Uri.EscapeDataString(revision)}/{filePath}");
        var repoFolder = revision == "main" ? repo : $"{repo}@{revision}";
        reference = new ModelReference(text, uri, $"huggingface/{owner}/{repoFolder}/{filePath}", owner, repo, revision, filePath);
        error = null;
        return true;
    }

    private static bool TryParseUrl(string text, out ModelReference? reference, out string? error)
    {
        reference = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = "expected an https:// URL or hf:owner/repo/file.gguf";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "credentials in the URL are not accepted";
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Sanitize(Uri.UnescapeDataString(s)))
            .Where(s => s.Length > 0)
            .ToList();
        if (segments.Count == 0)
        {
            error = "the URL names no file";
            return false;
        }

        var host = Sanitize(uri.IsDefaultPort ? uri.Host : $"{uri.Host}_{uri.Port}");
        reference = new ModelReference(text, uri, $"{host}/{string.Join('/', segments)}", null, null, null, null);
        error = null;
        return true;
    }

    private static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 255 && segment != "." && segment != ".." &&
        segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Sanitize(string segment)
    {
        var chars = segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        var clean = new string(chars).Trim('.');
        return clean.Length > 255 ? clean[..255] : clean;
    }
}
