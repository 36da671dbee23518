namespace Agents.Cli.Commands.Serve;

/// <summary>A <c>--model</c> or <c>--recipe</c> value: <c>PATH</c> (named after the file) or <c>NAME=PATH</c>.</summary>
internal sealed record ServeModelSpec(string Name, string Path)
{
    public static ServeModelSpec Parse(string value, string option)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var (name, path) = equals > 0 ? (value[..equals], value[(equals + 1)..]) : (System.IO.Path.GetFileNameWithoutExtension(value), value);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{option} '{value}': expected PATH or NAME=PATH.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{option} '{value}': file '{System.IO.Path.GetFullPath(path)}' does not exist.", path);
        }

        return new ServeModelSpec(name, System.IO.Path.GetFullPath(path));
    }
}
