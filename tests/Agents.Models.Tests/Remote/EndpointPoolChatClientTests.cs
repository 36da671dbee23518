using Agents.Models.Remote;
using Agents.Models.Tests.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Models.Tests.Remote;

public sealed class EndpointPoolChatClientTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Say hello")];

    private static IChatClient Pool(TimeSpan? firstToken = null, params Uri[] endpoints) =>
        RemoteModels.Create(new RemoteModelOptions
        {
            Endpoints = endpoints,
            Model = "tiny-model",
            ApiKey = "sk-test-secret",
            FirstTokenTimeout = firstToken ?? TimeSpan.FromSeconds(30),
            ResponseTimeout = TimeSpan.FromSeconds(30),
            CoolOff = TimeSpan.FromMinutes(5),
        });

    private static Uri ClosedPort() => new($"http://127.0.0.1:{LocalHttpServer.FreePort()}/v1");

    [Fact]
    public async Task GetResponseAsync_OneServer_ReturnsTextAndSendsModelAndKey()
    {
        using var server = new FakeOpenAIServer("A");
        using var client = Pool(null, server.Endpoint);

        var response = await client.GetResponseAsync(Question);

        Assert.Equal("Hello from A", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-secret", request.Authorization);
        Assert.Contains("\"tiny-model\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("Say hello", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OneServer_StreamsChunksInOrder()
    {
        using var server = new FakeOpenAIServer("A");
        using var client = Pool(null, server.Endpoint);

        var texts = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(Question))
        {
            if (update.Text.Length > 0)
            {
                texts.Add(update.Text);
            }
        }

        Assert.Equal(server.Chunks, texts);
        Assert.Contains("\"stream\":true", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_TwoServers_RoundRobin()
    {
        using var a = new FakeOpenAIServer("A");
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await client.GetResponseAsync(Question)).Text);
        }

        Assert.Equal(["Hello from A", "Hello from B", "Hello from A", "Hello from B"], answers);
        Assert.Equal(2, a.Requests.Count);
        Assert.Equal(2, b.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_FirstEndpointPortClosed_FailsOverAndCoolsItOff()
    {
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, ClosedPort(), b.Endpoint);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("Hello from B", (await client.GetResponseAsync(Question)).Text);
        }

        Assert.Equal(3, b.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_FirstEndpointReturns500_FailsOverThenSkipsItDuringCoolOff()
    {
        using var a = new FakeOpenAIServer("A") { FailWithStatus = 500 };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        Assert.Equal("Hello from B", (await client.GetResponseAsync(Question)).Text);
        Assert.Equal("Hello from B", (await client.GetResponseAsync(Question)).Text);
        Assert.Equal("Hello from B", (await client.GetResponseAsync(Question)).Text);

        Assert.Single(a.Requests);
        Assert.Equal(3, b.Requests.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FirstEndpointReturns503_StreamsFromTheOther()
    {
        using var a = new FakeOpenAIServer("A") { FailWithStatus = 503 };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        var text = string.Concat(await client.GetStreamingResponseAsync(Question).Select(u => u.Text).ToListAsync());

        Assert.Equal("Hello from B", text);
        Assert.Single(a.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NoFirstTokenInTime_FailsOver()
    {
        using var a = new FakeOpenAIServer("A") { Delay = TimeSpan.FromSeconds(10) };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(TimeSpan.FromMilliseconds(500), a.Endpoint, b.Endpoint);

        var text = string.Concat(await client.GetStreamingResponseAsync(Question).Select(u => u.Text).ToListAsync());

        Assert.Equal("Hello from B", text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionLostAfterTokens_NoFailoverAndNoDuplicateText()
    {
        using var a = new FakeOpenAIServer("A") { DropAfterChunks = 2 };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        var received = new List<string>();
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update.Text);
            }
        });

        Assert.NotNull(error);
        Assert.IsNotType<RemoteEndpointsUnavailableException>(error);
        Assert.Equal("Hello from ", string.Concat(received));
        Assert.Empty(b.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_DroppedAfterRoleOnlyChunk_FailsOverWithoutDuplicates()
    {
        using var a = new FakeOpenAIServer("A") { DropAfterChunks = 0 };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        var text = string.Concat(await client.GetStreamingResponseAsync(Question).Select(u => u.Text).ToListAsync());

        Assert.Equal("Hello from B", text);
        Assert.Single(a.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_CoolOffExpired_FailedEndpointUsedAgain()
    {
        using var a = new FakeOpenAIServer("A") { FailWithStatus = 500 };
        using var b = new FakeOpenAIServer("B");
        var clock = new ManualClock();
        using var pool = new EndpointPoolChatClient(
            [RemoteChatClient.Create(a.Endpoint, "m"), RemoteChatClient.Create(b.Endpoint, "m")],
            new EndpointPoolOptions { CoolOff = TimeSpan.FromSeconds(30), TimeProvider = clock });

        Assert.Equal("Hello from B", (await pool.GetResponseAsync(Question)).Text); // starts at A, fails over
        a.FailWithStatus = null;
        Assert.Equal("Hello from B", (await pool.GetResponseAsync(Question)).Text); // starts at B
        Assert.Equal("Hello from B", (await pool.GetResponseAsync(Question)).Text); // starts at A, but A is cooling off
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("Hello from B", (await pool.GetResponseAsync(Question)).Text); // starts at B
        Assert.Equal("Hello from A", (await pool.GetResponseAsync(Question)).Text); // starts at A, cool-off over

        Assert.Equal(2, a.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_AllEndpointsDown_ThrowsListingEach()
    {
        using var a = new FakeOpenAIServer("A") { FailWithStatus = 502 };
        var closed = ClosedPort();
        using var client = Pool(null, a.Endpoint, closed);

        var error = await Assert.ThrowsAsync<RemoteEndpointsUnavailableException>(() => client.GetResponseAsync(Question));

        Assert.Equal(2, error.Failures.Count);
        Assert.Contains(a.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(closed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ClientError400_NotFailedOver()
    {
        using var a = new FakeOpenAIServer("A") { FailWithStatus = 400 };
        using var b = new FakeOpenAIServer("B");
        using var client = Pool(null, a.Endpoint, b.Endpoint);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(Question));

        Assert.Empty(b.Requests);
    }

    [Fact]
    public async Task AddRemoteModel_Keyed_RegistersSingletonFactoryThatBuildsWorkingClient()
    {
        using var server = new FakeOpenAIServer("A");
        var services = new ServiceCollection();
        services.AddRemoteModel("big", new RemoteModelOptions { Endpoints = [server.Endpoint], Model = "m" });

        var descriptor = Assert.Single(services);
        Assert.Equal(typeof(IChatClient), descriptor.ServiceType);
        Assert.Equal("big", descriptor.ServiceKey);
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Empty(server.Requests);
        using var client = (IChatClient)descriptor.KeyedImplementationFactory!(new NoServices(), "big");

        Assert.Equal("Hello from A", (await client.GetResponseAsync(Question)).Text);
    }

    [Fact]
    public void RemoteModelOptions_ToStringAndValidate_HideKeyAndNameProblems()
    {
        var options = new RemoteModelOptions { Endpoints = [new Uri("http://h:1/v1")], Model = "m", ApiKey = "sk-secret" };

        Assert.DoesNotContain("sk-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RemoteModelOptions { Model = "m" }.Validate());
        Assert.Throws<ArgumentException>(() => new RemoteModelOptions { Endpoints = [new Uri("http://h/")] }.Validate());
    }

    [Fact]
    public void NormalizeEndpoint_NoPath_AddsV1()
    {
        Assert.Equal("http://h:8080/v1", RemoteChatClient.NormalizeEndpoint(new Uri("http://h:8080")).ToString());
        Assert.Equal("http://h:8080/api/v1", RemoteChatClient.NormalizeEndpoint(new Uri("http://h:8080/api/v1")).ToString());
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
