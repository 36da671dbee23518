using System.Text;
using Microsoft.Extensions.AI;

namespace Agents.Models.Templates;

/// <summary>An <see cref="IChatTemplate"/> that renders a <see cref="ChatFormat"/> table row.</summary>
public sealed class ChatFormatTemplate : IChatTemplate
{
    /// <summary>Creates a template from a format.</summary>
    public ChatFormatTemplate(ChatFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
    }

    /// <summary>The format this template renders.</summary>
    public ChatFormat Format { get; }

    /// <inheritdoc />
    public string Name => Format.Name;

    /// <inheritdoc />
    public IReadOnlyList<string> StopSequences => Format.StopSequences;

    /// <inheritdoc />
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var f = Format;
        var turns = new List<(ChatRole Role, string Content)>(messages.Count + 1);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            var role = message.Role == ChatRole.System || message.Role == ChatRole.Assistant ? message.Role : ChatRole.User;
            turns.Add((role, f.TrimContent ? message.Text.Trim() : message.Text));
        }

        if (f.DefaultSystem is not null && !turns.Exists(t => t.Role == ChatRole.System))
        {
            turns.Insert(0, (ChatRole.System, f.DefaultSystem));
        }

        if (f.SystemMode != SystemPromptMode.OwnTurn)
        {
            MergeSystem(turns, f);
        }

        var sb = new StringBuilder(f.Prefix);
        var round = 0;
        for (var i = 0; i < turns.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(f.Separator);
            }

            var (role, content) = turns[i];
            if (role == ChatRole.System)
            {
                sb.Append(Fill(f.System, content, round));
            }
            else if (role == ChatRole.Assistant)
            {
                sb.Append(Fill(f.Assistant, content, round));
            }
            else
            {
                round++;
                sb.Append(Fill(round == 1 && f.FirstUser is not null ? f.FirstUser : f.User, content, round));
            }
        }

        if (addGenerationPrompt)
        {
            sb.Append(Fill(f.GenerationPrompt, string.Empty, round + 1));
        }

        return sb.ToString();
    }

    /// <summary>Removes the system turns and merges their text into the first or last user turn (a new user turn when there is none).</summary>
    private static void MergeSystem(List<(ChatRole Role, string Content)> turns, ChatFormat f)
    {
        var system = string.Join("\n\n", turns.Where(t => t.Role == ChatRole.System).Select(t => t.Content));
        if (turns.RemoveAll(t => t.Role == ChatRole.System) == 0)
        {
            return;
        }

        var target = f.SystemMode == SystemPromptMode.MergeIntoFirstUser
            ? turns.FindIndex(t => t.Role == ChatRole.User)
            : turns.FindLastIndex(t => t.Role == ChatRole.User);
        if (target < 0)
        {
            turns.Insert(0, (ChatRole.User, system));
            return;
        }

        turns[target] = (ChatRole.User, Fill(f.SystemMerge, turns[target].Content, 0, system));
    }

    /// <summary>Replaces <c>{content}</c>, <c>{round}</c> and <c>{system}</c> in one pass, so text inside a message is never re-substituted.</summary>
    private static string Fill(string pattern, string content, int round, string? system = null)
    {
        var sb = new StringBuilder(pattern.Length + content.Length);
        var i = 0;
        while (i < pattern.Length)
        {
            var open = pattern.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(pattern, i, pattern.Length - i);
                break;
            }

            sb.Append(pattern, i, open - i);
            var rest = pattern.AsSpan(open);
            if (rest.StartsWith("{content}", StringComparison.Ordinal))
            {
                sb.Append(content);
                i = open + "{content}".Length;
            }
            else if (rest.StartsWith("{round}", StringComparison.Ordinal))
            {
                sb.Append(round.ToString(System.Globalization.CultureInfo.InvariantCulture));
                i = open + "{round}".Length;
            }
            else if (rest.StartsWith("{system}", StringComparison.Ordinal))
            {
                sb.Append(system);
                i = open + "{system}".Length;
            }
            else
            {
                sb.Append('{');
                i = open + 1;
            }
        }

        return sb.ToString();
    }
}
