namespace Agents.Memory.Ingestion;

/// <summary>Where an ingestion run stands.</summary>
/// <param name="FilesDone">Files finished.</param>
/// <param name="FilesTotal">Files to read.</param>
/// <param name="ChunksAdded">New chunks stored so far.</param>
/// <param name="ChunksSkipped">Chunks already stored (same content hash) and skipped.</param>
/// <param name="CurrentFile">The file being read.</param>
public sealed record IngestProgress(int FilesDone, int FilesTotal, int ChunksAdded, int ChunksSkipped, string? CurrentFile);
