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
        var sb = new StringBuilder(f.Prefix);
        var pendingSystem = (string?)null;
        var lastUser = -1;
        if (f.SystemMode == SystemPromptMode.MergeIntoLastUser)
        {
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                if (messages[i].Role == ChatRole.User)
                {
                    lastUser = i;
                    break;
                }
            }

            pendingSystem = JoinSystem(messages);
        }

        var round = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            var content = f.TrimContent ? message.Text.Trim() : message.Text;
            if (message.Role == ChatRole.System)
            {
                if (f.SystemMode == SystemPromptMode.OwnTurn)
                {
                    sb.Append(Fill(f.System, content, round));
                }
                else if (f.SystemMode == SystemPromptMode.MergeIntoFirstUser)
                {
                    pendingSystem = pendingSystem is null ? content : pendingSystem + "\n\n" + content;
                }

                continue;
            }

            if (message.Role == ChatRole.Assistant)
            {
                sb.Append(Fill(f.Assistant, content, round));
                continue;
            }

            // User and tool results are user turns in these plain formats.
            round++;
            var merge = f.SystemMode switch
            {
                SystemPromptMode.MergeIntoFirstUser => pendingSystem,
                SystemPromptMode.MergeIntoLastUser when i == lastUser => pendingSystem,
                _ => null,
            };
            if (merge is not null)
            {
                content = Fill(f.SystemMerge, content, round, merge);
                if (f.SystemMode == SystemPromptMode.MergeIntoFirstUser)
                {
                    pendingSystem = null;
                }
            }

            sb.Append(Fill(round == 1 && f.FirstUser is not null ? f.FirstUser : f.User, content, round));
        }

        if (addGenerationPrompt)
        {
            sb.Append(Fill(f.GenerationPrompt, string.Empty, round + 1));
        }

        return sb.ToString();
    }

    private static string? JoinSystem(IReadOnlyList<ChatMessage> messages)
    {
        string? system = null;
        foreach (var m in messages)
        {
            if (m?.Role == ChatRole.System)
            {
                system = system is null ? m.Text : system + "\n\n" + m.Text;
            }
        }

        return system;
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
