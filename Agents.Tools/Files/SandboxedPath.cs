namespace Agents.Tools.Files;

/// <summary>A path the sandbox accepted.</summary>
/// <param name="Relative">The path relative to the root, with '/' separators ("." for the root itself).</param>
/// <param name="FullPath">The real absolute path (symbolic links resolved), inside the root.</param>
/// <param name="Exists">Whether something exists there.</param>
/// <param name="IsDirectory">Whether it is a folder.</param>
public sealed record SandboxedPath(string Relative, string FullPath, bool Exists, bool IsDirectory);
