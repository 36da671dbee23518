namespace Agents.Server.Hosting;

/// <summary>Counts requests that are generating; refuses one past <see cref="AgentsServerOptions.MaxConcurrency"/>
/// instead of queueing it (the client gets 429 and retries). No lock is held while generating.</summary>
public sealed class ConcurrencyGate
{
    private readonly int _limit;
    private int _active;

    /// <summary>Creates the gate from the server options.</summary>
    public ConcurrencyGate(AgentsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limit = options.MaxConcurrency;
    }

    /// <summary>Requests generating now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Takes a slot, or returns null when all are taken. Dispose the lease to give it back.</summary>
    public IDisposable? TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (current >= _limit)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _active, current + 1, current) == current)
            {
                return new Lease(this);
            }
        }
    }

    private sealed class Lease(ConcurrencyGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate._active);
            }
        }
    }
}
