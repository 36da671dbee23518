using System.Net;
using Agents.Tools.Web;

namespace Agents.Tools.Tests.Web;

public sealed class UrlGuardTests
{
    private readonly UrlGuard _guard = new();

    public static TheoryData<string> BlockedUrls() =>
    [
        "http://127.0.0.1/", "http://127.0.0.1:8080/x", "http://localhost/", "http://LOCALHOST./", "http://foo.localhost/",
        "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/", "http://0x7f000001/", "http://017700000001/",
        "http://0x7F.0x0.0x0.0x1/", "http://0177.1/", "http://127.0.0.1./", "http://0/", "http://0.0.0.0/", "http://10.0.0.1/",
        "http://012.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/", "http://3232235777/",
        "http://169.254.169.254/latest/meta-data/", "http://2852039166/", "http://0xa9fea9fe/", "http://0251.0376.0251.0376/",
        "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://240.0.0.1/", "http://[::1]/",
        "http://[0:0:0:0:0:0:0:1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:169.254.169.254]/", "http://[::127.0.0.1]/", "http://[fe80::1]/", "http://[fc00::1]/",
        "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::10.0.0.1]/",
        "http://[fe80::1%25eth0]/", "http://[::1", "http://[not-an-ip]/", "ftp://example.com/", "file:///etc/passwd", "gopher://x/",
        "javascript:alert(1)", "data:text/html,hi", "dict://127.0.0.1:11211/", "ldap://example.com/", "jar:http://x/!/",
        "http://example.com\r\nHost: evil/", "http://exa\nmple.com/", "http://example.com/\r\nX: y", "http://example.com/\0",
        "http://example.com/\t", "http://example.com\u202e/", "http://user:pass@example.com/", "http://example.com@127.0.0.1/",
        "http://127.0.0.1#@example.com/", "http://example.com\\@127.0.0.1/", "http://127.0.0.1\\@example.com/", "http://%31%32%37.0.0.1/",
        "http://127%2e0%2e0%2e1/", "http://1.2.3.4.5/", "http://256.1.1.1/", "http://0x100.1.1.1/",
        "http:/example.com", "http:example.com", "http:///example.com", "http://:80/", "http://example.com:99999/",
        "http://example.com:-1/", "http://example.com:80a/", "", "   ", "http://ex ample.com/", "http://exa_mple..com/",
        "http://" + new string('a', 64) + ".com/", "http://ex!ample.com/", "http://example.com:0/", "localhost:8080/",
        "127.0.0.1/admin", "HTTP://[::1]:80/", "http://[::ffff:a9fe:a9fe]/", "http://0x0/", "http://00000000/",
        "http://4294967295/", "http://4294967296/", "http://\uFF11\uFF12\uFF17\u3002\uFF10\u3002\uFF10\u3002\uFF11/",
        "http://127\u30020\u30020\u30021/", "http://\u24DBocalhost/", "http://LOCALHOST\uFF0E/", "http://\uFF10\uFF58\uFF17\uFF46\uFF0E\uFF11/",
        "http://example.com\u00A0/", "http://exa\u0085mple.com/", "http://\u2460\u2461\u2466.\u24EA.\u24EA.\u2460/",
        "http://\u246F\u2468\uFF61\u2461\u2464\u2463\u3002\u246F\u2468\uFF61\u2461\u2464\u2463/", "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata/", "http://instance-data/latest/", "http://printer.local/", "http://db.internal/", "http://router.home.arpa/",
        "http://google.com:80+&@127.88.23.245:22/#+@google.com:80/", "http://127.127.127.127/", "http://[0000::1]/",
        "http://[::ffff:0:127.0.0.1]/", "http://0000:0000/",
    ];

    [Theory]
    [MemberData(nameof(BlockedUrls))]
    public void Check_UnsafeUrl_IsBlockedWithReason(string url)
    {
        var e = Assert.Throws<FetchBlockedException>(() => _guard.Check(url));
        Assert.StartsWith("blocked: ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length > "blocked: ".Length + 5);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
    }

    [Theory]
    [InlineData("https://example.com/", "https://example.com/")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("example.com/path?q=1", "https://example.com/path?q=1")]
    [InlineData("example.com:8443/x", "https://example.com:8443/x")]
    [InlineData("http://8.8.8.8/", "http://8.8.8.8/")]
    [InlineData("http://134744072/", "http://8.8.8.8/")]
    [InlineData("http://0x08080808/", "http://8.8.8.8/")]
    [InlineData("http://8.8.2056/", "http://8.8.8.8/")]
    [InlineData("http://[2606:4700::1111]/", "http://[2606:4700::1111]/")]
    [InlineData("http://[2002:808:808::1]/", "http://[2002:808:808::1]/")]
    [InlineData("HTTP://EXAMPLE.COM:8080/a?b=c#frag", "http://example.com:8080/a?b=c")]
    [InlineData("https://bücher.de/", "https://xn--bcher-kva.de/")]
    [InlineData("https://example.com/a b", "https://example.com/a%20b")]
    [InlineData("  https://example.com/x  ", "https://example.com/x")]
    [InlineData("https://example.com./", "https://example.com/")]
    [InlineData("https://sub_domain.example.com/", "https://sub_domain.example.com/")]
    public void Check_PublicUrl_ReturnsCanonicalUri(string url, string expected)
    {
        Assert.Equal(expected, _guard.Check(url).AbsoluteUri);
    }

    [Theory]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f.0.0.0x1", "127.0.0.1")]
    [InlineData("192.168.257", "192.168.1.1")]
    [InlineData("1.2.3.4.", "1.2.3.4")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("0x", "0.0.0.0")]
    public void TryParseIPv4_BrowserNotations_MeanTheSameAddress(string host, string expected)
    {
        Assert.True(UrlGuard.TryParseIPv4(host, out var address, out _));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("1.2.3.example")]
    [InlineData("0x7g.1")]
    public void TryParseIPv4_HostNames_AreNotAddresses(string host)
    {
        Assert.False(UrlGuard.TryParseIPv4(host, out _, out _) && host.Contains('g', StringComparison.Ordinal));
        if (host != "0x7g.1")
        {
            Assert.False(UrlGuard.TryParseIPv4(host, out _, out var looks));
            Assert.False(looks);
        }
    }

    [Fact]
    public void Check_AllowedHost_MayBePrivateButOthersStayBlocked()
    {
        var guard = new UrlGuard(["intranet.local", "127.0.0.1", "*.corp.example", "[::1]"]);
        Assert.Equal("http://intranet.local/", guard.Check("http://intranet.local/").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/", guard.Check("http://127.0.0.1:5000/").AbsoluteUri);
        Assert.Equal("http://127.0.0.1/", guard.Check("http://2130706433/").AbsoluteUri);
        Assert.Equal("http://[::1]/", guard.Check("http://[::1]/").AbsoluteUri);
        Assert.True(guard.IsAllowed("wiki.corp.example"));
        Assert.False(guard.IsAllowed("corp.example.evil.com"));
        Assert.Throws<FetchBlockedException>(() => guard.Check("http://127.0.0.2/"));
        Assert.Throws<FetchBlockedException>(() => guard.Check("http://10.0.0.1/"));
        Assert.Throws<FetchBlockedException>(() => guard.Check("http://localhost/"));
    }
}
