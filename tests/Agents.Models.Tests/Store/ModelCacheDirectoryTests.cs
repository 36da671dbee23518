using Agents.Models.Store;

namespace Agents.Models.Tests.Store;

public sealed class ModelCacheDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_ExplicitDirectory_WinsOverEnvironment()
    {
        var env = Env(("AGENTS_HOME", "/ah"), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));

        Assert.Equal(Path.GetFullPath("/explicit"), ModelCacheDirectory.Resolve("/explicit", env));
    }

    [Fact]
    public void Resolve_AgentsHome_WinsOverXdg()
    {
        var env = Env(("AGENTS_HOME", "/ah"), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));

        Assert.Equal(Path.GetFullPath("/ah/models"), ModelCacheDirectory.Resolve(null, env));
    }

    [Fact]
    public void Resolve_XdgCacheHome_WinsOverHome()
    {
        var env = Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));

        Assert.Equal(Path.GetFullPath("/xdg/agents/models"), ModelCacheDirectory.Resolve(null, env));
    }

    [Fact]
    public void Resolve_OnlyHome_UsesDotCache()
    {
        var env = Env(("HOME", "/home/u"), ("XDG_CACHE_HOME", "relative/ignored"));

        Assert.Equal(Path.GetFullPath("/home/u/.cache/agents/models"), ModelCacheDirectory.Resolve("  ", env));
    }

    [Fact]
    public void ModelStore_UsesResolvedDirectory_WithoutTouchingProcessEnvironment()
    {
        using var store = new ModelStore(new ModelStoreOptions(), Env(("AGENTS_HOME", "/tmp/agents-home-test")));

        Assert.Equal(Path.GetFullPath("/tmp/agents-home-test/models"), store.CacheDirectory);
    }
}
