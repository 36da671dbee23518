using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agents.Models.Remote;

/// <summary>
/// One model behind several endpoints: requests start at the next endpoint in round-robin order; when an endpoint
/// fails before answering (connection refused or lost, HTTP 5xx/408/429, timeout) the next one is tried and the
/// failing one is tried last for a cool-off period.
/// </summary>
/// <remarks>
/// A stream never fails over once an update with content has been passed to the caller: the caller has already
/// shown that text, and a second endpoint would start the answer again, duplicating it. Such a failure surfaces
/// to the caller as the endpoint's exception. Updates without content (role-only) are held back until the first
/// content arrives, so a failure right after them still fails over.
/// </remarks>
public sealed partial class EndpointPoolChatClient : IChatClient
{
    private readonly Endpoint[] _endpoints;
    private readonly EndpointPoolOptions _options;
    private readonly ILogger _logger;
    private int _next = -1;

    /// <summary>Creates a pool.</summary>
    /// <param name="endpoints">One client per endpoint, all serving the same model.</param>
    /// <param name="options">Timeouts and cool-off; defaults when null.</param>
    /// <param name="logger">Receives failover warnings (endpoint URL and error; never keys or prompts).</param>
    public EndpointPoolChatClient(IEnumerable<IChatClient> endpoints, EndpointPoolOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints.Select((client, i) => new Endpoint(client ?? throw new ArgumentException($"Endpoint {i} is null.", nameof(endpoints)), NameOf(client, i))).ToArray();
        if (_endpoints.Length == 0)
        {
            throw new ArgumentException("At least one endpoint is required.", nameof(endpoints));
        }

        _options = options ?? new EndpointPoolOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The endpoints, in round-robin order (names are their base URLs when known).</summary>
    public IReadOnlyList<string> EndpointNames => _endpoints.Select(e => e.Name).ToArray();

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tried = new List<string>();
        var failures = new List<Exception>();
        foreach (var endpoint in Order())
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.ResponseTimeout);
            try
            {
                var response = await endpoint.Client.GetResponseAsync(messages, options, attempt.Token).ConfigureAwait(false);
                endpoint.DownUntil = 0;
                return response;
            }
            catch (Exception ex) when (RemoteFailure.IsFailover(ex, cancellationToken))
            {
                Fail(endpoint, ex, tried, failures);
            }
        }

        throw new RemoteEndpointsUnavailableException(tried, failures);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tried = new List<string>();
        var failures = new List<Exception>();
        foreach (var endpoint in Order())
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.FirstTokenTimeout);
            var held = new List<ChatResponseUpdate>();
            IAsyncEnumerator<ChatResponseUpdate>? stream = null;
            var hasContent = false;
            var ended = false;
            try
            {
                stream = endpoint.Client.GetStreamingResponseAsync(messages, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
                while (!hasContent)
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        ended = true;
                        break;
                    }

                    held.Add(stream.Current);
                    hasContent = HasContent(stream.Current);
                }
            }
            catch (Exception ex) when (RemoteFailure.IsFailover(ex, cancellationToken))
            {
                if (stream is not null)
                {
                    await DisposeQuietlyAsync(stream).ConfigureAwait(false);
                }

                Fail(endpoint, ex, tried, failures);
                continue;
            }
            catch
            {
                if (stream is not null)
                {
                    await DisposeQuietlyAsync(stream).ConfigureAwait(false);
                }

                throw;
            }

            // Committed to this endpoint from here on: no failover once content reaches the caller.
            attempt.CancelAfter(Timeout.InfiniteTimeSpan);
            endpoint.DownUntil = 0;
            try
            {
                foreach (var update in held)
                {
                    yield return update;
                }

                while (!ended && await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return stream.Current;
                }
            }
            finally
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            yield break;
        }

        throw new RemoteEndpointsUnavailableException(tried, failures);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _endpoints[0].Client.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_options.OwnsClients)
        {
            foreach (var endpoint in _endpoints)
            {
                endpoint.Client.Dispose();
            }
        }
    }

    private Endpoint[] Order()
    {
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_endpoints.Length);
        var now = _options.TimeProvider.GetTimestamp();
        var rotated = Enumerable.Range(0, _endpoints.Length).Select(i => _endpoints[(start + i) % _endpoints.Length]).ToArray();
        return rotated.Where(e => Volatile.Read(ref e.DownUntil) <= now).Concat(rotated.Where(e => Volatile.Read(ref e.DownUntil) > now)).ToArray();
    }

    private void Fail(Endpoint endpoint, Exception error, List<string> tried, List<Exception> failures)
    {
        var clock = _options.TimeProvider;
        var coolOffTicks = (long)(_options.CoolOff.TotalSeconds * clock.TimestampFrequency);
        Volatile.Write(ref endpoint.DownUntil, clock.GetTimestamp() + coolOffTicks);
        tried.Add(endpoint.Name);
        failures.Add(error);
        LogFailover(_logger, endpoint.Name, error.GetType().Name, error.Message);
    }

    private static bool HasContent(ChatResponseUpdate update) =>
        update.Contents.Any(c => c is not TextContent text || !string.IsNullOrEmpty(text.Text));

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            // The endpoint is already being abandoned.
        }
    }

    private static string NameOf(IChatClient client, int index) =>
        client.GetService<ChatClientMetadata>()?.ProviderUri?.GetLeftPart(UriPartial.Path) ?? $"endpoint {index}";

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Endpoint {Endpoint} failed before answering ({ErrorType}: {Error}); trying the next one and cooling this one off")]
    private static partial void LogFailover(ILogger logger, string endpoint, string errorType, string error);

    private sealed class Endpoint(IChatClient client, string name)
    {
        public long DownUntil;

        public IChatClient Client { get; } = client;

        public string Name { get; } = name;
    }
}
