namespace Agents.Models.Gguf;

/// <summary>
/// One GGUF metadata value. <see cref="Value"/> is the matching .NET type (byte, sbyte, ushort, short, uint, int,
/// float, bool, string, ulong, long, double); for arrays it is an array of that type (for example
/// <c>string[]</c>), with <see cref="ElementType"/> set.
/// </summary>
/// <param name="Type">The value type.</param>
/// <param name="Value">The value.</param>
/// <param name="ElementType">The element type of an array.</param>
public sealed record GgufMetadataValue(GgufValueType Type, object Value, GgufValueType? ElementType = null)
{
    /// <summary>The value as a 64-bit integer when it is an integer type; otherwise null.</summary>
    public long? AsInt64() => Value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        ulong v => v <= long.MaxValue ? (long)v : null,
        long v => v,
        _ => null,
    };

    /// <summary>A string value, or null.</summary>
    public string? AsString() => Value as string;

    /// <inheritdoc />
    public override string ToString() => Value is Array a ? $"[{ElementType} x {a.Length}]" : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
