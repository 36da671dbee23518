namespace Agents.Memory.Storage;

/// <summary>One search result: the record and its cosine similarity to the query (dot product of normalised vectors).</summary>
public sealed record VectorHit(VectorRecord Record, double Score);
