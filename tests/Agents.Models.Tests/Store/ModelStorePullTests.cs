using Agents.Models.Store;

namespace Agents.Models.Tests.Store;

public sealed class ModelStorePullTests
{
    private static byte[] Payload(int length = 300_000, int seed = 7)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static ModelStore NewStore(TempDirectory cache, Uri? hfBase = null, Action<ModelStoreOptions>? configure = null)
    {
        var options = new ModelStoreOptions
        {
            CacheDirectory = cache.Path,
            RetryDelay = TimeSpan.Zero,
            ReadTimeout = TimeSpan.FromSeconds(20),
            HuggingFaceBaseUri = hfBase ?? ModelReference.DefaultHuggingFaceBaseUri,
        };
        configure?.Invoke(options);
        return new ModelStore(options);
    }

    [Fact]
    public async Task PullAsync_RightSha256_FileMovedIntoCacheAndVerified()
    {
        var data = Payload();
        using var server = new ModelFileServer(data);
        using var cache = new TempDirectory();
        using var store = NewStore(cache);
        var reports = new List<DownloadProgress>();

        var result = await store.PullAsync(server.FileUri.ToString(), ModelFileServer.Sha256(data).ToUpperInvariant(), new SyncProgress(reports.Add));

        Assert.True(result.Downloaded);
        Assert.Equal("user", result.HashSource);
        Assert.Equal(ModelFileServer.Sha256(data), result.Sha256);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
        Assert.StartsWith(cache.Path, result.Path, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(cache.Path, "partial"), "*.part"));
        var last = reports[^1];
        Assert.Equal(data.Length, last.BytesReceived);
        Assert.Equal(data.Length, last.TotalBytes);
        Assert.Equal(1.0, last.Fraction);
    }

    [Fact]
    public async Task PullAsync_NoHashKnown_DownloadsAndReportsHashUnverified()
    {
        var data = Payload();
        using var server = new ModelFileServer(data);
        using var cache = new TempDirectory();
        using var store = NewStore(cache);

        var result = await store.PullAsync(server.FileUri.ToString());

        Assert.False(result.Verified);
        Assert.Equal(ModelFileServer.Sha256(data), result.Sha256);
    }

    [Fact]
    public async Task PullAsync_ConnectionDroppedThenPulledAgain_ResumesWithRangeAndHashMatches()
    {
        var data = Payload();
        using var server = new ModelFileServer(data) { DropFirstAfter = 100_000, ETag = ModelFileServer.Sha256(data)[..20] };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.MaxRetries = 0);
        var sha = ModelFileServer.Sha256(data);

        var failure = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(server.FileUri.ToString(), sha));
        Assert.Contains("resume", failure.Message, StringComparison.Ordinal);
        var partial = Assert.Single(Directory.EnumerateFiles(Path.Combine(cache.Path, "partial"), "*.part"));
        var kept = new FileInfo(partial).Length;
        Assert.InRange(kept, 1, data.Length - 1);

        var result = await store.PullAsync(server.FileUri.ToString(), sha);

        Assert.Equal(sha, result.Sha256);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
        var second = server.FileRequests[1];
        Assert.Equal($"bytes={kept}-", second.Range);
        Assert.Equal($"\"{server.ETag}\"", second.IfRange);
    }

    [Fact]
    public async Task PullAsync_ConnectionDropped_ResumesWithinTheSamePull()
    {
        var data = Payload();
        using var server = new ModelFileServer(data) { DropFirstAfter = 65_536 };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.MaxRetries = 2);

        var result = await store.PullAsync(server.FileUri.ToString(), ModelFileServer.Sha256(data));

        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(2, server.FileRequests.Count);
        Assert.NotNull(server.FileRequests[1].Range);
    }

    [Fact]
    public async Task PullAsync_ServerIgnoresRange_RestartsFromZeroAndHashMatches()
    {
        var data = Payload();
        using var server = new ModelFileServer(data) { DropFirstAfter = 100_000, IgnoreRange = true };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.MaxRetries = 1);

        var result = await store.PullAsync(server.FileUri.ToString(), ModelFileServer.Sha256(data));

        Assert.NotNull(server.FileRequests[1].Range);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(data.Length, result.SizeBytes);
    }

    [Fact]
    public async Task PullAsync_CorruptedContent_HubHashMismatchLeavesNothingInCache()
    {
        var data = Payload();
        var corrupt = (byte[])data.Clone();
        corrupt[12_345] ^= 0xFF;
        using var server = new ModelFileServer(data, "/owner/repo/resolve/main/tiny.gguf") { ETag = ModelFileServer.Sha256(data), Served = corrupt };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, hfBase: server.BaseUri);

        var error = await Assert.ThrowsAsync<ModelHashMismatchException>(() => store.PullAsync("hf:owner/repo/tiny.gguf"));

        Assert.Equal("hub", error.HashSource);
        Assert.Equal(ModelFileServer.Sha256(data), error.ExpectedSha256);
        Assert.Equal(ModelFileServer.Sha256(corrupt), error.ActualSha256);
        Assert.DoesNotContain(cache.AllFiles(), f => f.EndsWith(".gguf", StringComparison.Ordinal) || f.EndsWith(".part", StringComparison.Ordinal) || f.EndsWith(".sha256", StringComparison.Ordinal));
        Assert.Empty(store.ListModels());
    }

    [Fact]
    public async Task PullAsync_WrongSha256_ThrowsAndLeavesNothingInCache()
    {
        var data = Payload();
        using var server = new ModelFileServer(data);
        using var cache = new TempDirectory();
        using var store = NewStore(cache);
        var wrong = new string('a', 64);

        var error = await Assert.ThrowsAsync<ModelHashMismatchException>(() => store.PullAsync(server.FileUri.ToString(), wrong));

        Assert.Equal("user", error.HashSource);
        Assert.Equal(wrong, error.ExpectedSha256);
        Assert.Contains("--sha256", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cache.AllFiles(), f => !f.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullAsync_MalformedSha256_ThrowsArgumentExceptionBeforeDownloading()
    {
        using var server = new ModelFileServer(Payload(1000));
        using var cache = new TempDirectory();
        using var store = NewStore(cache);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PullAsync(server.FileUri.ToString(), "xyz"));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task PullAsync_NotFound_ThrowsWith404AndClearMessage()
    {
        using var server = new ModelFileServer(Payload(1000));
        using var cache = new TempDirectory();
        using var store = NewStore(cache, hfBase: server.BaseUri);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync("hf:owner/repo/missing.gguf@v2"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains("'v2'", error.Message, StringComparison.Ordinal);
        Assert.Equal("/owner/repo/resolve/v2/missing.gguf", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task PullAsync_HuggingFaceReferenceWithEtag_VerifiedWithTheHubHash()
    {
        var data = Payload();
        using var server = new ModelFileServer(data, "/Org/Tiny-GGUF/resolve/main/tiny-q4_k_m.gguf") { ETag = ModelFileServer.Sha256(data) };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, hfBase: server.BaseUri);

        var result = await store.PullAsync("hf:Org/Tiny-GGUF/tiny-q4_k_m.gguf");

        Assert.Equal("hub", result.HashSource);
        Assert.Equal(Path.Combine(cache.Path, "huggingface", "Org", "Tiny-GGUF", "tiny-q4_k_m.gguf"), result.Path);
    }

    [Fact]
    public async Task PullAsync_HuggingFaceRedirectWithLinkedEtag_FollowsRedirectAndVerifies()
    {
        var data = Payload();
        using var server = new ModelFileServer(data, "/cdn/blob") { RedirectFrom = "/o/r/resolve/main/m.gguf", LinkedEtag = ModelFileServer.Sha256(data), ETag = "not-a-sha" };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, hfBase: server.BaseUri);

        var result = await store.PullAsync("hf:o/r/m.gguf");

        Assert.Equal("hub", result.HashSource);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
    }

    [Fact]
    public async Task PullAsync_AlreadyCached_ReturnsWithoutDownloading()
    {
        var data = Payload();
        using var server = new ModelFileServer(data);
        using var cache = new TempDirectory();
        using var store = NewStore(cache);
        var sha = ModelFileServer.Sha256(data);
        await store.PullAsync(server.FileUri.ToString(), sha);

        var again = await store.PullAsync(server.FileUri.ToString(), sha);

        Assert.False(again.Downloaded);
        Assert.Single(server.FileRequests);
        await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(server.FileUri.ToString(), new string('b', 64)));
    }

    [Fact]
    public async Task PullAsync_ConcurrentPullsOfTheSameFile_DownloadOnce()
    {
        var data = Payload();
        using var server = new ModelFileServer(data) { Delay = TimeSpan.FromMilliseconds(300) };
        using var cache = new TempDirectory();
        using var store1 = NewStore(cache);
        using var store2 = NewStore(cache);
        var sha = ModelFileServer.Sha256(data);

        var results = await Task.WhenAll(store1.PullAsync(server.FileUri.ToString(), sha), store2.PullAsync(server.FileUri.ToString(), sha));

        Assert.Equal(results[0].Path, results[1].Path);
        Assert.Single(server.FileRequests);
        Assert.Single(results, r => r.Downloaded);
    }

    [Fact]
    public async Task PullAsync_FileLargerThanLimit_RefusedBeforeWriting()
    {
        using var server = new ModelFileServer(Payload(50_000));
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.MaxDownloadBytes = 10_000);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(server.FileUri.ToString()));

        Assert.Contains("MaxDownloadBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_PlainHttpToRemoteHost_Refused()
    {
        using var cache = new TempDirectory();
        using var store = NewStore(cache);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync("http://models.example.invalid/m.gguf"));

        Assert.Contains("not https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_PortClosed_ClearErrorNamingTheHost()
    {
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.MaxRetries = 0);
        var url = $"http://127.0.0.1:{LocalHttpServer.FreePort()}/m.gguf";

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(url));

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_HuggingFaceToken_SentToTheHubOnlyNotToTheRedirectTarget()
    {
        var data = Payload(20_000);
        using var storage = new ModelFileServer(data, "/blob/abc");
        using var hub = new ModelFileServer(data, "/unused") { RedirectFrom = "/o/r/resolve/main/m.gguf", RedirectTarget = storage.FileUri, LinkedEtag = ModelFileServer.Sha256(data) };
        using var cache = new TempDirectory();
        using var store = NewStore(cache, hfBase: hub.BaseUri, configure: o => o.HuggingFaceToken = "hf_secret");

        var result = await store.PullAsync("hf:o/r/m.gguf");

        Assert.Equal("hub", result.HashSource);
        Assert.Equal("Bearer hf_secret", Assert.Single(hub.Requests).Authorization);
        Assert.Null(Assert.Single(storage.Requests).Authorization);
    }

    [Fact]
    public async Task PullAsync_LockHeldByAnotherPull_TimesOutWithClearMessage()
    {
        using var server = new ModelFileServer(Payload(1000));
        using var cache = new TempDirectory();
        using var store = NewStore(cache, configure: o => o.LockTimeout = TimeSpan.FromMilliseconds(300));
        var first = await store.PullAsync(server.FileUri.ToString());
        File.Delete(first.Path);
        File.Delete(first.Path + ".sha256");
        var lockPath = Directory.EnumerateFiles(Path.Combine(cache.Path, "partial"), "*.lock").Single();

        using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => store.PullAsync(server.FileUri.ToString()));
            Assert.Contains(lockPath, error.Message, StringComparison.Ordinal);
        }

        Assert.True((await store.PullAsync(server.FileUri.ToString())).Downloaded);
    }

    [Fact]
    public async Task PullAsync_Cancelled_ThrowsOperationCanceledAndAddsNothing()
    {
        using var server = new ModelFileServer(Payload(1000)) { Delay = TimeSpan.FromSeconds(10) };
        using var cache = new TempDirectory();
        using var store = NewStore(cache);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PullAsync(server.FileUri.ToString(), cancellationToken: cts.Token));

        Assert.Empty(store.ListModels());
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
