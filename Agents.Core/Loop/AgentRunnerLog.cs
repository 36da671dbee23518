using Microsoft.Extensions.Logging;

namespace Agents.Core.Loop;

/// <summary>The runner's log messages (prompts and model output only at Trace).</summary>
internal static partial class AgentRunnerLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Agent {Agent} step {Step}: calling the model")]
    public static partial void StepStarted(ILogger logger, string agent, int step);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Trace, Message = "Agent {Agent} step {Step} model text: {Text}")]
    public static partial void ModelText(ILogger logger, string agent, int step, string text);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Agent {Agent} step {Step}: tool {Tool} (error: {IsError})")]
    public static partial void ToolCalled(ILogger logger, string agent, int step, string tool, bool isError);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Agent {Agent} step {Step}: the reply was rejected: {Error}")]
    public static partial void ParseError(ILogger logger, string agent, int step, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Agent {Agent} stopped after {Step} steps: {Reason}")]
    public static partial void Stopped(ILogger logger, string agent, int step, StopReason reason);
}
