using System.ClientModel;
using System.Net.Sockets;

namespace Agents.Models.Remote;

/// <summary>Decides whether an endpoint's error means "try another endpoint" (down, overloaded, too slow) or is the caller's problem.</summary>
internal static class RemoteFailure
{
    public static bool IsFailover(Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException:
                case HttpRequestException:
                case IOException:
                case SocketException:
                case TimeoutException:
                    return true;
                case ClientResultException result:
                    return result.Status is 0 or 408 or 429 or >= 500;
            }
        }

        return false;
    }
}
