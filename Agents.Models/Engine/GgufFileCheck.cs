using System.Text;

namespace Agents.Models.Engine;

/// <summary>
/// Reads a GGUF file's header, metadata and tensor table without loading weights, and checks that every
/// tensor's data lies inside the file. Anything wrong becomes a <see cref="ModelLoadException"/> before
/// llama.cpp sees the file.
/// </summary>
internal static class GgufFileCheck
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxKeyLength = 1 << 16;

    /// <summary>Validates <paramref name="path"/> and returns what the engine needs from the header.</summary>
    public static GgufFileSummary Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ModelLoadException(path, "is a directory, not a model file");
        }

        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "file not found");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(path, stream);
        }
        catch (EndOfStreamException ex)
        {
            throw new ModelLoadException(path, "truncated file (the GGUF header ends early)", ex);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException(path, $"cannot read file ({ex.Message})", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ModelLoadException(path, "permission denied", ex);
        }
    }

    private static GgufFileSummary Read(string path, FileStream stream)
    {
        var length = stream.Length;
        if (length < 4)
        {
            throw new ModelLoadException(path, length == 0 ? "empty file, not a GGUF file" : "not a GGUF file (too short)");
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadUInt32();
        if (magic != Magic)
        {
            throw new ModelLoadException(path, "not a GGUF file (wrong magic bytes)");
        }

        var version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new ModelLoadException(path, $"unsupported GGUF version {version}");
        }

        var tensorCount = reader.ReadUInt64();
        var kvCount = reader.ReadUInt64();
        CheckCount(path, stream, tensorCount, 8, "tensor count");
        CheckCount(path, stream, kvCount, 12, "metadata count");

        string? architecture = null;
        string? chatTemplate = null;
        ulong alignment = 32;
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString(path, reader, MaxKeyLength);
            var type = reader.ReadUInt32();
            switch (key)
            {
                case "general.architecture" when type == 8:
                    architecture = ReadString(path, reader, int.MaxValue);
                    break;
                case "tokenizer.chat_template" when type == 8:
                    chatTemplate = ReadString(path, reader, int.MaxValue);
                    break;
                case "general.alignment" when type == 4:
                    alignment = reader.ReadUInt32();
                    break;
                default:
                    SkipValue(path, reader, type, depth: 0);
                    break;
            }
        }

        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ModelLoadException(path, $"invalid general.alignment {alignment}");
        }

        ulong dataNeeded = 0;
        for (ulong i = 0; i < tensorCount; i++)
        {
            var name = ReadString(path, reader, MaxKeyLength);
            var dims = reader.ReadUInt32();
            if (dims > 8)
            {
                throw new ModelLoadException(path, $"tensor '{name}' has {dims} dimensions (corrupt tensor table)");
            }

            ulong elements = 1;
            for (var d = 0; d < dims; d++)
            {
                elements = checked(elements * reader.ReadUInt64());
            }

            var ggmlType = reader.ReadUInt32();
            var offset = reader.ReadUInt64();
            var size = GgmlTypeSizes.TensorBytes(ggmlType, elements) ?? 0;
            dataNeeded = Math.Max(dataNeeded, checked(offset + size));
        }

        var dataStart = (ulong)stream.Position;
        dataStart = (dataStart + alignment - 1) / alignment * alignment;
        var required = dataStart + dataNeeded;
        if (tensorCount == 0 || (dataNeeded > 0 && (ulong)length <= dataStart))
        {
            throw new ModelLoadException(path, "the GGUF file has no tensor data (a vocabulary-only file?)");
        }

        if (required > (ulong)length)
        {
            throw new ModelLoadException(path, $"truncated file ({length} bytes, the tensor data needs {required})");
        }

        return new GgufFileSummary(version, (long)tensorCount, architecture, chatTemplate, length);
    }

    private static void CheckCount(string path, FileStream stream, ulong count, int minBytesEach, string what)
    {
        var remaining = (ulong)(stream.Length - stream.Position);
        if (count > remaining / (ulong)minBytesEach)
        {
            throw new ModelLoadException(path, $"truncated or corrupt file ({what} {count} does not fit in the file)");
        }
    }

    private static string ReadString(string path, BinaryReader reader, int maxLength)
    {
        var length = reader.ReadUInt64();
        var remaining = (ulong)(reader.BaseStream.Length - reader.BaseStream.Position);
        if (length > remaining)
        {
            throw new ModelLoadException(path, "truncated file (a metadata string runs past the end)");
        }

        if (length > (ulong)maxLength)
        {
            throw new ModelLoadException(path, $"corrupt metadata (string of {length} bytes)");
        }

        var bytes = reader.ReadBytes((int)length);
        return Encoding.UTF8.GetString(bytes);
    }

    private static void SkipValue(string path, BinaryReader reader, uint type, int depth)
    {
        var stream = reader.BaseStream;
        switch (type)
        {
            case 0 or 1 or 7: Skip(path, stream, 1); break;
            case 2 or 3: Skip(path, stream, 2); break;
            case 4 or 5 or 6: Skip(path, stream, 4); break;
            case 10 or 11 or 12: Skip(path, stream, 8); break;
            case 8:
                var length = reader.ReadUInt64();
                Skip(path, stream, length);
                break;
            case 9:
                if (depth > 4)
                {
                    throw new ModelLoadException(path, "corrupt metadata (arrays nested too deeply)");
                }

                var itemType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                var fixedSize = FixedSize(itemType);
                if (fixedSize > 0)
                {
                    var remaining = (ulong)(stream.Length - stream.Position);
                    if (count > remaining / (ulong)fixedSize)
                    {
                        throw new ModelLoadException(path, "truncated file (a metadata array runs past the end)");
                    }

                    Skip(path, stream, count * (ulong)fixedSize);
                }
                else
                {
                    CheckCount(path, (FileStream)stream, count, 8, "array length");
                    for (ulong i = 0; i < count; i++)
                    {
                        SkipValue(path, reader, itemType, depth + 1);
                    }
                }

                break;
            default:
                throw new ModelLoadException(path, $"corrupt metadata (unknown value type {type})");
        }
    }

    private static int FixedSize(uint type) => type switch
    {
        0 or 1 or 7 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        10 or 11 or 12 => 8,
        _ => 0,
    };

    private static void Skip(string path, Stream stream, ulong bytes)
    {
        var remaining = (ulong)(stream.Length - stream.Position);
        if (bytes > remaining)
        {
            throw new ModelLoadException(path, "truncated file (metadata runs past the end)");
        }

        stream.Seek((long)bytes, SeekOrigin.Current);
    }
}
