using Agents.Tools.Files;

namespace Agents.Tools.Tests.Files;

public sealed class PathSandboxTests : IDisposable
{
    private readonly TempRoot _temp = new();
    private readonly PathSandbox _sandbox;

    public PathSandboxTests()
    {
        _temp.Write("notes/todo.txt", "milk");
        _temp.Write("a.txt", "a");
        _sandbox = new PathSandbox(_temp.Root);
    }

    public static TheoryData<string> TraversalPayloads() =>
    [
        "..", "../", "../secret.txt", "../outside/secret.txt", "notes/../../outside/secret.txt", "notes/../..", "a/b/../../../x",
        "..\\outside\\secret.txt", "notes\\..\\..\\outside\\secret.txt", "/etc/passwd", "/", "\\", "\\\\server\\share\\x",
        "//server/share/x", "C:\\Windows\\win.ini", "C:/Windows/win.ini", "c:", "file.txt:stream", "file.txt::$DATA", "a.txt:Zone.Identifier",
        "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "..%2fsecret.txt", "%252e%252e/secret.txt", "..%5csecret.txt", "%c0%ae%c0%ae/secret.txt",
        "notes/%2E%2E/%2E%2E/outside", "a.txt\0.png", "a.txt\0", "\0", "notes/\n/x", "a\rb", "CON", "con.txt", "NUL", "nul.tar.gz",
        "COM1", "com9.log", "LPT1", "lpt3.txt", "AUX", "PRN.md", "notes/CON", "CONIN$", "COM¹", "~", "~/secret.txt", "~root/x",
        "...", "....//secret.txt", ". .", "notes /x", "notes./x", "a.txt.", "a /b", "what?.txt", "a*b", "a|b", "a<b>", "a\"b",
        "", "   ", "file:///etc/passwd", "http://example.com/x", new string('a', 2000), "x/" + new string('b', 300),
    ];

    [Theory]
    [MemberData(nameof(TraversalPayloads))]
    public void Resolve_TraversalPayload_IsRefused(string payload)
    {
        var e = Assert.Throws<FileStoreException>(() => _sandbox.Resolve(payload));
        Assert.StartsWith("refused path", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_temp.Base, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.txt", "a.txt", true)]
    [InlineData("./a.txt", "a.txt", true)]
    [InlineData("notes/todo.txt", "notes/todo.txt", true)]
    [InlineData("notes\\todo.txt", "notes/todo.txt", true)]
    [InlineData("notes//todo.txt", "notes/todo.txt", true)]
    [InlineData("notes/./todo.txt", "notes/todo.txt", true)]
    [InlineData(" a.txt ", "a.txt", true)]
    [InlineData("new/folder/file.md", "new/folder/file.md", false)]
    [InlineData(".", ".", true)]
    [InlineData("100%.txt", "100%.txt", false)]
    [InlineData("..hidden", "..hidden", false)]
    [InlineData(".gitignore", ".gitignore", false)]
    [InlineData("con-tract.txt", "con-tract.txt", false)]
    [InlineData("console.log", "console.log", false)]
    [InlineData("notes/file..txt", "notes/file..txt", false)]
    [InlineData("日本語.txt", "日本語.txt", false)]
    public void Resolve_PlainRelativePath_IsInsideRoot(string path, string relative, bool exists)
    {
        var resolved = _sandbox.Resolve(path);
        Assert.Equal(relative, resolved.Relative);
        Assert.Equal(exists, resolved.Exists);
        Assert.True(_sandbox.IsInside(resolved.FullPath));
    }

    [Fact]
    public void Resolve_LinkInsideRoot_IsFollowed()
    {
        _temp.Link("to-notes", Path.Combine(_temp.Root, "notes"));
        _temp.Link("rel-link.txt", "notes/todo.txt");
        _temp.Link("notes/up.txt", "../a.txt");
        Assert.Equal(Path.Combine(_sandbox.Root, "notes", "todo.txt"), _sandbox.Resolve("to-notes/todo.txt").FullPath);
        Assert.Equal(Path.Combine(_sandbox.Root, "notes", "todo.txt"), _sandbox.Resolve("rel-link.txt").FullPath);
        Assert.Equal(Path.Combine(_sandbox.Root, "a.txt"), _sandbox.Resolve("notes/up.txt").FullPath);
        Assert.False(_sandbox.Resolve("to-notes/new.txt").Exists);
    }

    [Fact]
    public void Resolve_ChainedLinksInsideRoot_AreFollowed()
    {
        _temp.Link("l1", "l2");
        _temp.Link("l2", "l3");
        _temp.Link("l3", "notes");
        Assert.Equal(Path.Combine(_sandbox.Root, "notes", "todo.txt"), _sandbox.Resolve("l1/todo.txt").FullPath);
    }

    public static TheoryData<string, string> EscapingLinks() => new()
    {
        { "out-abs", "OUTSIDE" },
        { "out-rel", "../outside" },
        { "out-file", "../outside/secret.txt" },
        { "etc", "/etc" },
        { "root-parent", ".." },
        { "self-loop", "self-loop" },
        { "dangling", "does-not-exist.txt" },
        { "dangling-out", "../outside/nothing-here.txt" },
        { "dangling-dir", "missing-folder/x" },
    };

    [Theory]
    [MemberData(nameof(EscapingLinks))]
    public void Resolve_LinkLeavingRootOrDangling_IsRefused(string name, string target)
    {
        _temp.Link(name, target == "OUTSIDE" ? _temp.Outside : target);
        Assert.Throws<FileStoreException>(() => _sandbox.Resolve(name));
        Assert.Throws<FileStoreException>(() => _sandbox.Resolve(name + "/secret.txt"));
    }

    [Fact]
    public void Resolve_ChainedLinkThatEventuallyLeaves_IsRefused()
    {
        _temp.Link("hop1", "hop2");
        _temp.Link("hop2", "notes/hop3");
        _temp.Link("notes/hop3", "../../outside");
        var e = Assert.Throws<FileStoreException>(() => _sandbox.Resolve("hop1/secret.txt"));
        Assert.Contains("outside the file store root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_LinkLoop_IsRefused()
    {
        _temp.Link("loop-a", "loop-b");
        _temp.Link("loop-b", "loop-a");
        Assert.Throws<FileStoreException>(() => _sandbox.Resolve("loop-a"));
    }

    [Fact]
    public void Resolve_DanglingLinkForWriting_IsRefused()
    {
        _temp.Link("future.txt", "later/file.txt");
        var e = Assert.Throws<FileStoreException>(() => _sandbox.Resolve("future.txt"));
        Assert.Contains("dangling", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RootItselfIsALink_WorksInsideAndRefusesOutside()
    {
        var linkRoot = Path.Combine(_temp.Base, "root-link");
        Directory.CreateSymbolicLink(linkRoot, _temp.Root);
        var sandbox = new PathSandbox(linkRoot);
        Assert.True(sandbox.Resolve("a.txt").Exists);
        Assert.Throws<FileStoreException>(() => sandbox.Resolve("../outside/secret.txt"));
    }

    [Fact]
    public void Resolve_WithoutFollowingLeaf_ReturnsTheLinkItself()
    {
        _temp.Link("out-file", Path.Combine(_temp.Outside, "secret.txt"));
        var resolved = _sandbox.Resolve("out-file", followLeaf: false);
        Assert.Equal(Path.Combine(_sandbox.Root, "out-file"), resolved.FullPath);
        Assert.True(resolved.Exists);
    }

    public void Dispose() => _temp.Dispose();
}
