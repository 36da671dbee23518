using System.Text;
using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands.Engine;

/// <summary>The read–answer loop of <c>agents chat</c>: keeps the history, handles /reset and /exit, and lets Ctrl+C stop only the current answer.</summary>
internal sealed class ChatSession
{
    private readonly IChatClient client;
    private readonly ChatOptions options;
    private readonly string? systemPrompt;
    private readonly List<ChatMessage> history = [];
    private CancellationTokenSource? answering;

    public ChatSession(IChatClient client, ChatOptions options, string? systemPrompt)
    {
        this.client = client;
        this.options = options;
        this.systemPrompt = systemPrompt;
        Reset();
    }

    public async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            await output.WriteLineAsync("Type a message; /reset clears the history, /exit leaves, Ctrl+C stops an answer.");
            while (!cancellationToken.IsCancellationRequested)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
                var line = await input.ReadLineAsync(cancellationToken);
                if (line is null || line.Trim() == "/exit")
                {
                    return 0;
                }

                if (line.Trim() == "/reset")
                {
                    Reset();
                    await output.WriteLineAsync("(history cleared)");
                    continue;
                }

                if (line.Trim().Length > 0)
                {
                    await AnswerAsync(line, output, cancellationToken);
                }
            }

            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    private async Task AnswerAsync(string line, TextWriter output, CancellationToken cancellationToken)
    {
        history.Add(new ChatMessage(ChatRole.User, line));
        var answer = new StringBuilder();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answering = cts;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(history, options, cts.Token))
            {
                answer.Append(update.Text);
                await output.WriteAsync(update.Text);
                await output.FlushAsync(cancellationToken);
            }

            await output.WriteLineAsync();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync(" [stopped]");
        }
        catch (ContextOverflowException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            history.RemoveAt(history.Count - 1);
            return;
        }
        finally
        {
            answering = null;
        }

        history.Add(new ChatMessage(ChatRole.Assistant, answer.ToString()));
    }

    private void Reset()
    {
        history.Clear();
        if (!string.IsNullOrWhiteSpace(systemPrompt))
        {
            history.Add(new ChatMessage(ChatRole.System, systemPrompt));
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (answering is { } current)
        {
            e.Cancel = true;
            try
            {
                current.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The answer finished at the same moment.
            }
        }
    }
}
