namespace Agents.Models.Grammars;

/// <summary>Turns an index into a source text into a 1-based line and column.</summary>
internal static class GbnfPosition
{
    internal static (int Line, int Column) LineColumn(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
