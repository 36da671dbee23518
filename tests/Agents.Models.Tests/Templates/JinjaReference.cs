using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Templates;

/// <summary>Reads TestData/jinja-reference.json (made once by render_jinja_reference.py; see its header).</summary>
internal static class JinjaReference
{
    private const string RelativePath = "tests/Agents.Models.Tests/Templates/TestData/jinja-reference.json";

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile())));

    public static IReadOnlyList<ChatMessage> Conversation(string label)
    {
        var messages = new List<ChatMessage>();
        foreach (var m in Document.Value.RootElement.GetProperty("conversations").GetProperty(label).EnumerateArray())
        {
            messages.Add(new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("content").GetString()));
        }

        return messages;
    }

    public static string? Rendered(string file, string label)
    {
        var rendered = Document.Value.RootElement.GetProperty("rendered");
        return rendered.TryGetProperty(file, out var entry) && entry.TryGetProperty(label, out var text) ? text.GetString() : null;
    }

    /// <summary>The data file lives in the source tree (the test project's csproj is shared); walk up to the repository root.</summary>
    private static string FindFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{RelativePath}' not found above {AppContext.BaseDirectory}.");
    }
}
