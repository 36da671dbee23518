namespace Agents.Server.Tests.Support;

/// <summary>Stands in for the engine's context-overflow exception: the server maps it by type name.</summary>
public sealed class FakeContextOverflowException(string message) : Exception(message);
