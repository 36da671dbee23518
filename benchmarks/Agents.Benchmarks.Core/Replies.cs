namespace Agents.Benchmarks.Core;

/// <summary>Model replies split into token-sized chunks (about 4 characters, like a BPE tokenizer on English).</summary>
internal static class Replies
{
    public static readonly string React = string.Concat(Enumerable.Repeat("Thought: I need to look at the numbers carefully before I decide what to do next. ", 30))
        + "\nAction: calculator\nAction Input: (17 * 23) + 4\n";

    public static readonly string Json = "Thought: " + string.Concat(Enumerable.Repeat("the user wants a sum of several numbers so I call the tool. ", 30))
        + "\n```json\n{\"action\": \"calculator\", \"action_input\": {\"expression\": \"(17 * 23) + 4\", \"precision\": 4}}\n```";

    public static string[] Tokens(string text)
    {
        var chunks = new List<string>();
        for (var i = 0; i < text.Length; i += 4)
        {
            chunks.Add(text.Substring(i, Math.Min(4, text.Length - i)));
        }

        return [.. chunks];
    }
}
