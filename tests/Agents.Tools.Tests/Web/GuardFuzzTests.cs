using Agents.Tools.Files;
using Agents.Tools.Tests.Files;
using Agents.Tools.Web;

namespace Agents.Tools.Tests.Web;

/// <summary>Random input to the URL guard and the path sandbox only ever produces their own refusals.</summary>
public sealed class GuardFuzzTests
{
    private static readonly string[] UrlParts =
    [
        "http://", "https://", "ftp://", "//", "/", "\\", "@", ":", "::", "[", "]", "%", "%2e", "%00", "#", "?", ".", "..", "0x", "0",
        "127", "1", "255", "256", "4294967296", "localhost", "example.com", "ffff", "fe80", "%25", "\r", "\n", "\t", " ", "\0", "。",
        "１", "ⓛ", "xn--", "-", "_", "a", "8080", "65536", "user", "pass", "javascript:", "file:", "ü", "\u202e", "\ud800",
    ];

    private static readonly string[] PathParts =
    [
        "/", "\\", "..", ".", "a", "b.txt", "%2e", "%2f", "%", ":", "$DATA", "CON", "nul", "COM1", "~", "\0", "\n", " ", "*", "?",
        "<", "|", "\"", "é", "日本", "\ud800", "\u202e", "...", "C:", "//", "x/", "notes",
    ];

    [Fact]
    public void UrlGuard_RandomInput_OnlyFetchBlockedException()
    {
        var guard = new UrlGuard(["allowed.test"]);
        var random = new Random(99);
        for (var i = 0; i < 20_000; i++)
        {
            var count = random.Next(1, 12);
            var text = string.Concat(Enumerable.Range(0, count).Select(_ => UrlParts[random.Next(UrlParts.Length)]));
            try
            {
                var uri = guard.Check(text);
                Assert.True(uri.Scheme is "http" or "https", text);
                Assert.True(uri.IsAbsoluteUri);
                Assert.True(string.IsNullOrEmpty(uri.UserInfo), text);
                if (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
                {
                    Assert.True(AddressClassifier.IsPublic(ip), $"{text} -> {uri}");
                }
                else
                {
                    Assert.NotEqual("localhost", uri.Host);
                }
            }
            catch (FetchBlockedException e)
            {
                Assert.StartsWith("blocked: ", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void PathSandbox_RandomInput_OnlyFileStoreExceptionAndStaysInside()
    {
        using var temp = new TempRoot();
        temp.Write("notes/a.txt", "a");
        var sandbox = new PathSandbox(temp.Root);
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var count = random.Next(1, 10);
            var text = string.Concat(Enumerable.Range(0, count).Select(_ => PathParts[random.Next(PathParts.Length)]));
            try
            {
                var resolved = sandbox.Resolve(text);
                Assert.True(sandbox.IsInside(resolved.FullPath), $"{text} -> {resolved.FullPath}");
            }
            catch (FileStoreException e)
            {
                Assert.StartsWith("refused path", e.Message, StringComparison.Ordinal);
            }
        }
    }
}
