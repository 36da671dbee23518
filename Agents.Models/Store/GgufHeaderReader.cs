using System.Text;

namespace Agents.Models.Store;

/// <summary>
/// A minimal GGUF (v2/v3) header reader: reads the metadata keys the model list shows and sums the tensor
/// shapes, skipping everything else (large arrays such as the vocabulary are seeked over, not read).
/// </summary>
internal static class GgufHeaderReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxStringBytes = 16 * 1024 * 1024;
    private const long MaxKeyValues = 1_000_000;
    private const long MaxTensors = 10_000_000;
    private const int MaxDimensions = 8;

    public static GgufHeader Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            return Read(reader, stream.Length);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"GGUF header of '{path}' is truncated (file ends at byte {stream.Length}).", ex);
        }
    }

    private static GgufHeader Read(BinaryReader reader, long length)
    {
        if (length < 24 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("not a GGUF file (magic 'GGUF' missing)");
        }

        var version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"unsupported GGUF version {version} (2 and 3 are read)");
        }

        var tensorCount = reader.ReadInt64();
        var kvCount = reader.ReadInt64();
        if (tensorCount is < 0 or > MaxTensors || kvCount is < 0 or > MaxKeyValues)
        {
            throw new InvalidDataException($"implausible GGUF counts: {tensorCount} tensors, {kvCount} metadata keys");
        }

        string? arch = null, name = null;
        int? fileType = null;
        var contextLengths = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < kvCount; i++)
        {
            var key = ReadString(reader);
            var type = reader.ReadUInt32();
            switch (key)
            {
                case "general.architecture" when type == 8:
                    arch = ReadString(reader);
                    break;
                case "general.name" when type == 8:
                    name = ReadString(reader);
                    break;
                case "general.file_type" when IsInteger(type):
                    fileType = (int)ReadInteger(reader, type);
                    break;
                default:
                    if (key.EndsWith(".context_length", StringComparison.Ordinal) && IsInteger(type))
                    {
                        contextLengths[key] = ReadInteger(reader, type);
                    }
                    else
                    {
                        SkipValue(reader, type);
                    }

                    break;
            }
        }

        long parameters = 0;
        for (long t = 0; t < tensorCount; t++)
        {
            SkipString(reader);
            var dims = reader.ReadUInt32();
            if (dims > MaxDimensions)
            {
                throw new InvalidDataException($"tensor {t} has {dims} dimensions (at most {MaxDimensions})");
            }

            long elements = 1;
            for (var d = 0; d < dims; d++)
            {
                elements = checked(elements * (long)reader.ReadUInt64());
            }

            reader.ReadUInt32(); // ggml type
            reader.ReadUInt64(); // data offset
            parameters = checked(parameters + elements);
        }

        long? context = arch is not null && contextLengths.TryGetValue(arch + ".context_length", out var c) ? c
            : contextLengths.Count > 0 ? contextLengths.Values.First() : null;
        return new GgufHeader(version, arch, fileType, context, name, parameters);
    }

    private static bool IsInteger(uint type) => type is <= 5 or 7 or 10 or 11;

    private static long ReadInteger(BinaryReader reader, uint type) => type switch
    {
        0 => reader.ReadByte(),
        1 => reader.ReadSByte(),
        2 => reader.ReadUInt16(),
        3 => reader.ReadInt16(),
        4 => reader.ReadUInt32(),
        5 => reader.ReadInt32(),
        7 => reader.ReadByte(),
        10 => (long)Math.Min(reader.ReadUInt64(), long.MaxValue),
        11 => reader.ReadInt64(),
        _ => throw new InvalidDataException($"GGUF value type {type} is not an integer"),
    };

    private static void SkipValue(BinaryReader reader, uint type)
    {
        switch (type)
        {
            case 8:
                SkipString(reader);
                return;
            case 9:
                var elementType = reader.ReadUInt32();
                var count = reader.ReadInt64();
                if (count < 0 || elementType == 9)
                {
                    throw new InvalidDataException($"GGUF array with {count} elements of type {elementType} is not supported");
                }

                if (elementType == 8)
                {
                    for (long i = 0; i < count; i++)
                    {
                        SkipString(reader);
                    }
                }
                else
                {
                    Skip(reader, checked(count * SizeOf(elementType)));
                }

                return;
            default:
                Skip(reader, SizeOf(type));
                return;
        }
    }

    private static int SizeOf(uint type) => type switch
    {
        0 or 1 or 7 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        10 or 11 or 12 => 8,
        _ => throw new InvalidDataException($"unknown GGUF value type {type}"),
    };

    private static string ReadString(BinaryReader reader)
    {
        var length = reader.ReadUInt64();
        if (length > MaxStringBytes)
        {
            throw new InvalidDataException($"GGUF string of {length} bytes (at most {MaxStringBytes} read)");
        }

        var bytes = reader.ReadBytes((int)length);
        return bytes.Length == (int)length ? Encoding.UTF8.GetString(bytes) : throw new EndOfStreamException();
    }

    private static void SkipString(BinaryReader reader)
    {
        var length = reader.ReadUInt64();
        if (length > long.MaxValue / 2)
        {
            throw new InvalidDataException($"GGUF string length {length} is implausible");
        }

        Skip(reader, (long)length);
    }

    private static void Skip(BinaryReader reader, long bytes)
    {
        var stream = reader.BaseStream;
        if (stream.Position + bytes > stream.Length)
        {
            throw new EndOfStreamException();
        }

        stream.Seek(bytes, SeekOrigin.Current);
    }
}
