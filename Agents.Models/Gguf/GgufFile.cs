using System.Text;

namespace Agents.Models.Gguf;

/// <summary>
/// The header of a GGUF file: metadata and tensor infos (tensor data is not read). Reading is bounded (string,
/// array, key and tensor counts) so that a damaged or hostile file gets a clear error, not an out-of-memory.
/// </summary>
public sealed class GgufFile
{
    /// <summary>The four bytes every GGUF file starts with ("GGUF").</summary>
    public const uint Magic = 0x46554747;

    /// <summary>Longest string accepted (bytes).</summary>
    public const int MaxStringBytes = 64 * 1024 * 1024;

    /// <summary>Most elements in one metadata array.</summary>
    public const long MaxArrayLength = 64L * 1024 * 1024;

    /// <summary>Most metadata keys or tensors.</summary>
    public const long MaxCount = 1_000_000;

    private GgufFile(string? path, uint version, IReadOnlyDictionary<string, GgufMetadataValue> metadata, IReadOnlyList<string> keys, IReadOnlyList<GgufTensorInfo> tensors, long dataOffset, int alignment)
    {
        FilePath = path;
        Version = version;
        Metadata = metadata;
        Keys = keys;
        Tensors = tensors;
        DataOffset = dataOffset;
        Alignment = alignment;
    }

    /// <summary>The file read, when read from a file.</summary>
    public string? FilePath { get; }

    /// <summary>GGUF version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>Metadata by key.</summary>
    public IReadOnlyDictionary<string, GgufMetadataValue> Metadata { get; }

    /// <summary>Metadata keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Absolute offset of the tensor data section.</summary>
    public long DataOffset { get; }

    /// <summary>Data alignment (<c>general.alignment</c>, default 32).</summary>
    public int Alignment { get; }

    /// <summary><c>general.architecture</c>, e.g. <c>llama</c>.</summary>
    public string? Architecture => GetString("general.architecture");

    /// <summary><c>general.name</c>.</summary>
    public string? Name => GetString("general.name");

    /// <summary><c>general.file_type</c> (llama_ftype), when present.</summary>
    public int? FileType => (int?)Get("general.file_type")?.AsInt64();

    /// <summary>The quantization as a name (<c>Q4_K_M</c>, <c>F16</c>…): from <c>general.file_type</c>, else the most common weight type.</summary>
    public string Quantization => FileType is int ft && GgufFileTypes.Name(ft) is string name
        ? name
        : Tensors.Where(t => t.Dimensions.Count >= 2).GroupBy(t => t.Type).OrderByDescending(g => g.Count()).Select(g => g.Key.ToString()).FirstOrDefault() ?? "unknown";

    /// <summary><c>{arch}.context_length</c>: the trained context.</summary>
    public long? ContextLength => Architecture is string a ? Get($"{a}.context_length")?.AsInt64() : null;

    /// <summary>Total parameter count (sum of tensor elements).</summary>
    public ulong ParameterCount => Tensors.Aggregate(0UL, (s, t) => s + t.ElementCount);

    /// <summary>A metadata value, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value or null.</returns>
    public GgufMetadataValue? Get(string key) => Metadata.TryGetValue(key, out var v) ? v : null;

    /// <summary>A string metadata value, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The string or null.</returns>
    public string? GetString(string key) => Get(key)?.AsString();

    /// <summary>Reads the header of a GGUF file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The parsed header.</returns>
    /// <exception cref="GgufFormatException">The file is not valid GGUF.</exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads a GGUF header from a stream positioned at its start.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="path">A name for error messages.</param>
    /// <returns>The parsed header.</returns>
    /// <exception cref="GgufFormatException">The data is not valid GGUF.</exception>
    public static GgufFile Read(Stream stream, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var r = new GgufReader(reader, path);
        try
        {
            return r.ReadHeader((version, metadata, keys, tensors, dataOffset, alignment) =>
                new GgufFile(path, version, metadata, keys, tensors, dataOffset, alignment));
        }
        catch (EndOfStreamException ex)
        {
            throw new GgufFormatException($"{path ?? "GGUF stream"}: file ends inside the header (truncated?)", ex);
        }
    }
}
