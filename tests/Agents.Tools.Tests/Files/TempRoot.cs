namespace Agents.Tools.Tests.Files;

/// <summary>A temporary folder with a "root" inside (the file store) and an "outside" sibling.</summary>
internal sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Base = Path.Combine(Path.GetTempPath(), "agents-tools-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Base, "root");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "TOP SECRET");
    }

    public string Base { get; }

    public string Root { get; }

    public string Outside { get; }

    public string Write(string relative, string content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Link(string relative, string target)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
