namespace Agents.Core.Tools;

/// <summary>Per-tool settings from a recipe: string keys, scalar or list values, plus where they came from.</summary>
/// <param name="Values">The settings (strings, numbers, booleans, lists of strings).</param>
/// <param name="BaseDirectory">The folder relative paths are resolved against (the recipe's folder, or the current directory).</param>
public sealed record ToolSettings(IReadOnlyDictionary<string, object?> Values, string BaseDirectory)
{
    /// <summary>No settings; paths relative to the current directory.</summary>
    public static ToolSettings Empty => new(new Dictionary<string, object?>(), Directory.GetCurrentDirectory());

    /// <summary>Gets a string setting, or <paramref name="fallback"/>.</summary>
    public string? GetString(string key, string? fallback = null) =>
        Values.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>Gets a boolean setting, or <paramref name="fallback"/>.</summary>
    public bool GetBool(string key, bool fallback = false) =>
        Values.TryGetValue(key, out var v) && v is not null ? v is bool b ? b : bool.Parse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!) : fallback;

    /// <summary>Gets a 64-bit integer setting, or <paramref name="fallback"/>.</summary>
    public long GetInt64(string key, long fallback) =>
        Values.TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>Gets a list of strings (a YAML sequence, or one string), or an empty list.</summary>
    public IReadOnlyList<string> GetList(string key) =>
        !Values.TryGetValue(key, out var v) || v is null ? []
        : v is string s ? [s]
        : v is IEnumerable<object?> items ? items.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray()
        : [Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty];
}
