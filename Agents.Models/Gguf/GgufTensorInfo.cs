namespace Agents.Models.Gguf;

/// <summary>A tensor described in a GGUF file.</summary>
/// <param name="Name">Tensor name, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Dimensions">ggml dimensions, ne0 (row length) first.</param>
/// <param name="Type">Element type.</param>
/// <param name="Offset">Offset of the data from the start of the data section.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>Number of elements.</summary>
    public ulong ElementCount => Dimensions.Aggregate(1UL, (a, d) => a * d);

    /// <summary>Bytes of data, or null when the type is not one this library sizes.</summary>
    public long? ByteSize => GgmlTypeInfo.ByteSize(Type, Dimensions);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type} [{string.Join(", ", Dimensions)}]";
}
