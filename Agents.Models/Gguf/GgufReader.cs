using System.Text;

namespace Agents.Models.Gguf;

/// <summary>Binary reading of a GGUF header, little-endian, with explicit limits.</summary>
internal sealed class GgufReader(BinaryReader reader, string? path)
{
    internal delegate GgufFile Factory(uint version, IReadOnlyDictionary<string, GgufMetadataValue> metadata, IReadOnlyList<string> keys, IReadOnlyList<GgufTensorInfo> tensors, long dataOffset, int alignment);

    private long Position => reader.BaseStream.CanSeek ? reader.BaseStream.Position : -1;

    private GgufFormatException Error(string reason) => new(path, Position, reason);

    internal GgufFile ReadHeader(Factory create)
    {
        uint magic = reader.ReadUInt32();
        if (magic != GgufFile.Magic)
        {
            throw new GgufFormatException(path, 0, "not a GGUF file (magic is not 'GGUF')");
        }

        uint version = reader.ReadUInt32();
        if (version is not (2 or 3))
        {
            throw new GgufFormatException(path, 4, $"unsupported GGUF version {version} (2 and 3 are read)");
        }

        long tensorCount = Count("tensor count");
        long kvCount = Count("metadata key count");
        var metadata = new Dictionary<string, GgufMetadataValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        for (long i = 0; i < kvCount; i++)
        {
            string key = ReadString();
            var type = (GgufValueType)reader.ReadUInt32();
            var value = ReadValue(type, key);
            if (!metadata.TryAdd(key, value))
            {
                throw Error($"duplicate metadata key '{key}'");
            }

            keys.Add(key);
        }

        var tensors = new List<GgufTensorInfo>();
        for (long i = 0; i < tensorCount; i++)
        {
            string name = ReadString();
            uint nDims = reader.ReadUInt32();
            if (nDims is 0 or > 4)
            {
                throw Error($"tensor '{name}' has {nDims} dimensions (1 to 4 allowed)");
            }

            var dims = new ulong[nDims];
            for (int d = 0; d < nDims; d++)
            {
                dims[d] = reader.ReadUInt64();
            }

            var type = (GgmlType)reader.ReadUInt32();
            ulong offset = reader.ReadUInt64();
            tensors.Add(new GgufTensorInfo(name, dims, type, offset));
        }

        int alignment = 32;
        if (metadata.TryGetValue("general.alignment", out var a) && a.AsInt64() is long al)
        {
            if (al <= 0 || (al & (al - 1)) != 0 || al > 1 << 20)
            {
                throw Error($"general.alignment {al} is not a power of two");
            }

            alignment = (int)al;
        }

        long headerEnd = Position;
        long dataOffset = headerEnd < 0 ? -1 : (headerEnd + alignment - 1) / alignment * alignment;
        return create(version, metadata, keys, tensors, dataOffset, alignment);
    }

    private long Count(string what)
    {
        ulong n = reader.ReadUInt64();
        if (n > GgufFile.MaxCount)
        {
            throw Error($"{what} {n} exceeds the limit of {GgufFile.MaxCount}");
        }

        return (long)n;
    }

    private string ReadString()
    {
        ulong length = reader.ReadUInt64();
        if (length > GgufFile.MaxStringBytes)
        {
            throw Error($"string of {length} bytes exceeds the limit of {GgufFile.MaxStringBytes}");
        }

        byte[] bytes = reader.ReadBytes((int)length);
        if (bytes.Length != (int)length)
        {
            throw new EndOfStreamException();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private GgufMetadataValue ReadValue(GgufValueType type, string key)
    {
        if (type == GgufValueType.Array)
        {
            var elementType = (GgufValueType)reader.ReadUInt32();
            ulong n = reader.ReadUInt64();
            if (n > (ulong)GgufFile.MaxArrayLength)
            {
                throw Error($"array '{key}' of {n} elements exceeds the limit of {GgufFile.MaxArrayLength}");
            }

            if (elementType == GgufValueType.Array)
            {
                throw Error($"nested arrays in '{key}' are not supported");
            }

            return new GgufMetadataValue(GgufValueType.Array, ReadArray(elementType, (int)n, key), elementType);
        }

        return new GgufMetadataValue(type, ReadScalar(type, key));
    }

    private Array ReadArray(GgufValueType type, int n, string key)
    {
        switch (type)
        {
            case GgufValueType.String:
                var strings = new string[n];
                for (int i = 0; i < n; i++)
                {
                    strings[i] = ReadString();
                }

                return strings;
            case GgufValueType.Float32: return Fill(n, reader.ReadSingle);
            case GgufValueType.Int32: return Fill(n, reader.ReadInt32);
            case GgufValueType.UInt32: return Fill(n, reader.ReadUInt32);
            case GgufValueType.UInt8: return Fill(n, reader.ReadByte);
            case GgufValueType.Int8: return Fill(n, reader.ReadSByte);
            case GgufValueType.UInt16: return Fill(n, reader.ReadUInt16);
            case GgufValueType.Int16: return Fill(n, reader.ReadInt16);
            case GgufValueType.UInt64: return Fill(n, reader.ReadUInt64);
            case GgufValueType.Int64: return Fill(n, reader.ReadInt64);
            case GgufValueType.Float64: return Fill(n, reader.ReadDouble);
            case GgufValueType.Bool: return Fill(n, () => reader.ReadByte() != 0);
            default: throw Error($"unknown array element type {(uint)type} in '{key}'");
        }
    }

    private static T[] Fill<T>(int n, Func<T> read)
    {
        var result = new T[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = read();
        }

        return result;
    }

    private object ReadScalar(GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 => reader.ReadByte(),
        GgufValueType.Int8 => reader.ReadSByte(),
        GgufValueType.UInt16 => reader.ReadUInt16(),
        GgufValueType.Int16 => reader.ReadInt16(),
        GgufValueType.UInt32 => reader.ReadUInt32(),
        GgufValueType.Int32 => reader.ReadInt32(),
        GgufValueType.Float32 => reader.ReadSingle(),
        GgufValueType.Bool => reader.ReadByte() != 0,
        GgufValueType.String => ReadString(),
        GgufValueType.UInt64 => reader.ReadUInt64(),
        GgufValueType.Int64 => reader.ReadInt64(),
        GgufValueType.Float64 => reader.ReadDouble(),
        _ => throw Error($"unknown value type {(uint)type} for '{key}'"),
    };
}
