using Agents.Server.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Agents.Server.Hosting;

/// <summary>One generating request: a concurrency slot plus a token that fires when the client disconnects,
/// the per-request time limit passes, or the server shuts down.</summary>
public sealed class GenerationScope : IDisposable
{
    private readonly HttpContext _context;
    private readonly CancellationToken _stopping;
    private readonly CancellationTokenSource _source;
    private readonly IDisposable _lease;

    private GenerationScope(HttpContext context, IDisposable lease, TimeSpan timeout, CancellationToken stopping)
    {
        _context = context;
        _lease = lease;
        _stopping = stopping;
        _source = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        _source.CancelAfter(timeout);
    }

    /// <summary>Cancelled on disconnect, timeout or shutdown.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True when the client went away (nothing more can be sent).</summary>
    public bool ClientGone => _context.RequestAborted.IsCancellationRequested;

    /// <summary>Takes a slot or throws a 429 (the caller answers with <c>Retry-After</c>).</summary>
    public static GenerationScope Enter(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var options = services.GetRequiredService<AgentsServerOptions>();
        var lease = services.GetRequiredService<ConcurrencyGate>().TryEnter();
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new OpenAIRequestException(429, $"The server is already generating for {options.MaxConcurrency} requests; retry after {options.RetryAfterSeconds} s.", "rate_limit_error", "rate_limit_exceeded");
        }

        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        return new GenerationScope(context, lease, options.RequestTimeout, stopping);
    }

    /// <summary>Why <see cref="Token"/> fired, as an OpenAI error.</summary>
    public OpenAIRequestException DescribeCancellation()
    {
        if (_stopping.IsCancellationRequested)
        {
            return new OpenAIRequestException(503, "The server is shutting down.", "server_error", "server_shutting_down");
        }

        var timeout = _context.RequestServices.GetRequiredService<AgentsServerOptions>().RequestTimeout;
        return new OpenAIRequestException(504, $"The request ran past the server's time limit of {timeout.TotalSeconds:0.#} s.", "server_error", "timeout");
    }

    /// <summary>Gives the slot back.</summary>
    public void Dispose()
    {
        _source.Dispose();
        _lease.Dispose();
    }
}
