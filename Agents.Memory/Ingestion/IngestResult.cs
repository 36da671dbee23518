namespace Agents.Memory.Ingestion;

/// <summary>What an ingestion run did.</summary>
/// <param name="Files">Files read.</param>
/// <param name="ChunksAdded">New chunks embedded and stored.</param>
/// <param name="ChunksSkipped">Duplicate chunks skipped (content hash already stored).</param>
public sealed record IngestResult(int Files, int ChunksAdded, int ChunksSkipped);
