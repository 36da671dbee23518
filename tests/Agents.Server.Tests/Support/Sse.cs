using System.Text.Json;

namespace Agents.Server.Tests.Support;

/// <summary>Reads <c>data:</c> events of a server-sent event stream.</summary>
public static class Sse
{
    public static async IAsyncEnumerable<string> ReadDataAsync(HttpResponseMessage response)
    {
        using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                yield return line["data: ".Length..];
            }
        }
    }

    public static async Task<List<string>> ReadAllAsync(HttpResponseMessage response)
    {
        var all = new List<string>();
        await foreach (var data in ReadDataAsync(response))
        {
            all.Add(data);
        }

        return all;
    }

    public static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement.Clone();
}
