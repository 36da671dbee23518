using System.Text;
using System.Text.Json;

namespace Agents.Models.Grammars;

/// <summary>Finds the line and column of a simple JSON path (<c>$.a.b[2].c</c>) in JSON text.</summary>
internal static class JsonPathLocator
{
    internal static (int Line, int Column) Find(string json, string jsonPath)
    {
        var segments = Parse(jsonPath);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        long best = 0;
        try
        {
            if (!reader.Read())
            {
                return (1, 1);
            }

            best = reader.TokenStartIndex;
            foreach (string segment in segments)
            {
                if (!Step(ref reader, segment))
                {
                    break;
                }

                best = reader.TokenStartIndex;
            }
        }
        catch (JsonException)
        {
            // keep the best position found so far
        }

        string prefix = Encoding.UTF8.GetString(bytes, 0, (int)best);
        return GbnfPosition.LineColumn(prefix, prefix.Length);
    }

    // Moves from a container's start token to the value at the segment (property name or [index]).
    private static bool Step(ref Utf8JsonReader reader, string segment)
    {
        if (segment.StartsWith('[') && reader.TokenType == JsonTokenType.StartArray && int.TryParse(segment[1..^1], out int index))
        {
            for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                if (i == index)
                {
                    return true;
                }

                reader.Skip();
            }

            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(segment))
            {
                return reader.Read();
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    private static List<string> Parse(string path)
    {
        var segments = new List<string>();
        int i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                segments.Add(path[i..(end + 1)]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
