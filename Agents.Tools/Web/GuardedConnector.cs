using System.Net;
using System.Net.Sockets;

namespace Agents.Tools.Web;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of <c>fetch_page</c>: resolves the host itself,
/// refuses the connection when any resolved address is not public (unless the host is allowed), and connects
/// only to the addresses it checked. The decision is made on the address actually connected to, so a DNS
/// answer that changes between a check and the connection (DNS rebinding) cannot slip through.
/// </summary>
internal sealed class GuardedConnector
{
    private readonly UrlGuard _guard;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public GuardedConnector(UrlGuard guard, Func<string, CancellationToken, Task<IPAddress[]>>? resolver)
    {
        _guard = guard;
        _resolve = resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _guard.IsAllowed(host);
        foreach (var address in addresses)
        {
            if (!allowed && AddressClassifier.WhyBlocked(address) is { } why)
            {
                throw new FetchBlockedException(
                    IPAddress.TryParse(host, out _) ? $"{address} is {why}." : $"{UrlGuard.Show(host)} resolves to {address}, which is {why}.", host);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new ToolException(FetchPageTool.ToolName, $"could not resolve the host '{UrlGuard.Show(host)}' ({e.SocketErrorCode}).", e);
        }

        if (addresses.Length == 0)
        {
            throw new ToolException(FetchPageTool.ToolName, $"the host '{UrlGuard.Show(host)}' has no addresses.");
        }

        return addresses;
    }
}
