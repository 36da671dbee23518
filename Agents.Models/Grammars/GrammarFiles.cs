using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>
/// Loads grammar files for the command line (<c>--grammar FILE.gbnf</c>, <c>--json-schema FILE.json</c>): the
/// result is validated GBNF, and every error names the file, line and column.
/// </summary>
public static class GrammarFiles
{
    /// <summary>The largest grammar or schema file accepted (1 MiB).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Reads and validates a GBNF file.</summary>
    /// <param name="path">The .gbnf file.</param>
    /// <param name="root">The start rule.</param>
    /// <returns>The grammar text.</returns>
    /// <exception cref="GrammarException">The grammar is invalid (with file, line and column) or unreadable.</exception>
    public static string LoadGbnf(string path, string root = "root")
    {
        string text = Read(path);
        try
        {
            GbnfValidator.Validate(text, root);
        }
        catch (GrammarException ex)
        {
            throw new GrammarException(ex.Reason, ex.Line, ex.Column, path);
        }

        return text;
    }

    /// <summary>Reads a JSON Schema file and converts it to validated GBNF.</summary>
    /// <param name="path">The .json schema file.</param>
    /// <returns>The grammar text (start rule <c>root</c>).</returns>
    /// <exception cref="GrammarException">
    /// The file is not JSON (file, line, column), or the schema is unsupported (file, line and column of the
    /// offending schema node, and its JSON path).
    /// </exception>
    public static string LoadJsonSchemaAsGbnf(string path)
    {
        string text = Read(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new GrammarException($"not valid JSON: {FirstSentence(ex.Message)}", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, path);
        }

        using (document)
        {
            try
            {
                return JsonSchemaGrammar.FromSchema(document.RootElement);
            }
            catch (JsonSchemaGrammarException ex)
            {
                (int line, int column) = JsonPathLocator.Find(text, ex.JsonPath);
                throw new GrammarException($"{ex.JsonPath}: {ex.Reason}", line, column, path);
            }
        }
    }

    private static string Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new GrammarException("file not found", 0, 0, path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new GrammarException($"file is larger than {MaxFileBytes} bytes", 0, 0, path);
        }

        return File.ReadAllText(path);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
