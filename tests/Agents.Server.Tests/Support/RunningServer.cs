using Agents.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agents.Server.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, started with injected fakes.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri baseUri, AgentsServerOptions options)
    {
        App = app;
        BaseUri = baseUri;
        Options = options;
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public AgentsServerOptions Options { get; }

    public string BaseUrl => BaseUri.ToString().TrimEnd('/');

    public static async Task<RunningServer> StartAsync(Action<IServiceCollection> register, Action<AgentsServerOptions>? configure = null)
    {
        var options = new AgentsServerOptions { Host = "127.0.0.1", Port = 0 };
        configure?.Invoke(options);
        var builder = AgentsServer.CreateBuilder(options);
        if (Environment.GetEnvironmentVariable("AGENTS_TEST_LOG") != "1")
        {
            builder.Logging.ClearProviders();
        }
        register(builder.Services);
        var app = AgentsServer.Build(builder);
        await app.StartAsync();
        return new RunningServer(app, AgentsServer.GetAddress(app), options);
    }

    /// <summary>A server with one chat model "fake" and one embedding model "fake-embed".</summary>
    public static Task<RunningServer> StartWithFakesAsync(FakeChatClient chat, Action<AgentsServerOptions>? configure = null) =>
        StartAsync(services =>
        {
            services.AddServedChatModel("fake", _ => chat, "a scripted test model");
            services.AddServedEmbeddingModel("fake-embed", _ => new HashEmbeddingGenerator());
        }, configure);

    public HttpClient CreateHttpClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(cts.Token);
        await App.DisposeAsync();
    }
}
