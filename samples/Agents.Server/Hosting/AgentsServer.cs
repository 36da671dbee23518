using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agents.Server.Hosting;

/// <summary>Builds the server: Kestrel on the configured address with the body limit, the server's services,
/// and (after <see cref="Build"/>) every endpoint. Register models on <c>builder.Services</c> in between.</summary>
public static class AgentsServer
{
    /// <summary>A builder with Kestrel and the server's services configured.</summary>
    public static WebApplicationBuilder CreateBuilder(AgentsServerOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(AgentsServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.Listen(IPAddress.Loopback, options.Port);
            }
            else if (options.Host is "*" or "0.0.0.0")
            {
                kestrel.ListenAnyIP(options.Port);
            }
            else if (IPAddress.TryParse(options.Host, out var address))
            {
                kestrel.Listen(address, options.Port);
            }
            else
            {
                throw new ArgumentException($"Host '{options.Host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost).", nameof(options));
            }
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddAgentsServer(options);
        return builder;
    }

    /// <summary>Builds the application and maps every endpoint.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapAgentsApi();
        return app;
    }

    /// <summary>The first address Kestrel listens on (after start), for example <c>http://127.0.0.1:51234</c>.</summary>
    public static Uri GetAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The server is not listening yet; call StartAsync first.");
        return new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal));
    }
}
