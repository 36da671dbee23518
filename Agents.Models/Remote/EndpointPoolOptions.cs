namespace Agents.Models.Remote;

/// <summary>Timing of an <see cref="EndpointPoolChatClient"/>.</summary>
public sealed class EndpointPoolOptions
{
    /// <summary>Streaming: time allowed until the first update before the next endpoint is tried. Default: 60 s.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Non-streaming: time allowed for the whole response before the next endpoint is tried. Default: 5 min.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failing endpoint is tried last. Default: 30 s.</summary>
    public TimeSpan CoolOff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock used for cool-offs. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether the pool disposes the endpoint clients when it is disposed. Default: true.</summary>
    public bool OwnsClients { get; set; } = true;
}
