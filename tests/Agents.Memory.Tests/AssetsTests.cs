using Agents.TestSupport;

namespace Agents.Memory.Tests;

public sealed class AssetsTests
{
    [Fact]
    public void SharedRoot_IsFound_WhenAssetsArePresent()
    {
        var stories = TestAssets.Stories260K;
        Assert.True(new FileInfo(stories).Length > 1_000_000);
    }
}
