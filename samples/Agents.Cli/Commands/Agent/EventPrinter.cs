using Agents.Core.Loop;

namespace Agents.Cli.Commands.Agent;

/// <summary>Writes agent events to a terminal: model text dimmed, tool calls and results, the answer, the stop reason. ANSI colours only on a terminal.</summary>
internal sealed class EventPrinter(TextWriter output, bool color)
{
    private bool _midLine;

    private string Dim => color ? "\u001b[2m" : string.Empty;

    private string Cyan => color ? "\u001b[36m" : string.Empty;

    private string Red => color ? "\u001b[31m" : string.Empty;

    private string Yellow => color ? "\u001b[33m" : string.Empty;

    private string Bold => color ? "\u001b[1m" : string.Empty;

    private string Reset => color ? "\u001b[0m" : string.Empty;

    public void Print(AgentEvent e)
    {
        switch (e)
        {
            case TextDeltaEvent t:
                output.Write(Dim + t.Text + Reset);
                _midLine = !t.Text.EndsWith('\n');
                return;
            case ToolCallEvent c:
                Line($"{Cyan}-> {c.Tool}({c.Arguments?.ToJsonString() ?? c.Input}){Reset}");
                return;
            case ToolResultEvent r:
                Line($"{(r.IsError ? Red : Cyan)}<- {r.Observation}{Reset}");
                return;
            case ParseErrorEvent p:
                Line($"{Yellow}!! {p.Message}{Reset}");
                return;
            case FinalAnswerEvent f:
                Line($"{Bold}Answer: {f.Answer}{Reset}");
                return;
            case StoppedEvent s:
                Line($"[stopped: {s.Reason} — {s.Message}]");
                return;
        }
    }

    private void Line(string text)
    {
        if (_midLine)
        {
            output.WriteLine();
            _midLine = false;
        }

        output.WriteLine(text);
    }
}
