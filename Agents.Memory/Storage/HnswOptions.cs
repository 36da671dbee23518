namespace Agents.Memory.Storage;

/// <summary>Settings of <see cref="HnswVectorIndex"/> (USearch HNSW graph).</summary>
public sealed class HnswOptions
{
    /// <summary>Vector length. Required.</summary>
    public int Dimensions { get; set; }

    /// <summary>Graph degree (M). Default 16.</summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidate list size while inserting (efConstruction). Default 128.</summary>
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>Candidate list size while searching (ef). Higher: better recall, slower. Default 64.</summary>
    public int ExpansionSearch { get; set; } = 64;

    /// <summary>
    /// Threads that insert into the graph during one upsert (capped at the processor count). Default: the processor
    /// count. Insertion order then varies between runs, so the graph (not the records) can differ slightly; set 1 for a
    /// reproducible graph.
    /// </summary>
    public int AddThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>How many more candidates than asked to fetch when a filter is set. Default 4.</summary>
    public int FilterOversampling { get; set; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Dimensions is < 1 or > 65_536)
        {
            throw new ArgumentException($"Dimensions must be between 1 and 65536 (was {Dimensions}).", nameof(Dimensions));
        }

        if (Connectivity is < 2 or > 512)
        {
            throw new ArgumentException($"Connectivity must be between 2 and 512 (was {Connectivity}).", nameof(Connectivity));
        }

        if (ExpansionAdd < 1 || ExpansionSearch < 1 || FilterOversampling < 1 || AddThreads < 1)
        {
            throw new ArgumentException("ExpansionAdd, ExpansionSearch, FilterOversampling and AddThreads must be positive.");
        }
    }
}
