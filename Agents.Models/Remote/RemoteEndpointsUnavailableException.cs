namespace Agents.Models.Remote;

/// <summary>Every endpoint of a pool failed before answering; <see cref="Failures"/> holds one error per endpoint tried.</summary>
public sealed class RemoteEndpointsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoints">The endpoints tried, in order.</param>
    /// <param name="failures">What each one did, in the same order.</param>
    public RemoteEndpointsUnavailableException(IReadOnlyList<string> endpoints, IReadOnlyList<Exception> failures)
        : base(Describe(endpoints, failures), failures.Count > 0 ? new AggregateException(failures) : null)
    {
        Endpoints = endpoints;
        Failures = failures;
    }

    /// <summary>The endpoints tried, in order.</summary>
    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>What each endpoint did, in the same order.</summary>
    public IReadOnlyList<Exception> Failures { get; }

    private static string Describe(IReadOnlyList<string> endpoints, IReadOnlyList<Exception> failures)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(failures);
        var lines = endpoints.Zip(failures, (e, f) => $"  {e}: {f.GetType().Name}: {f.Message}");
        return $"All {endpoints.Count} endpoint(s) failed before answering:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
