using System.Text;

namespace Agents.Models.Gguf;

/// <summary>
/// Writes GGUF v3 files: metadata of every value type, tensor infos and aligned tensor data. Used to make tiny
/// random-weight models, LoRA adapters and benchmark models.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, GgufMetadataValue> _metadata = new(StringComparer.Ordinal);
    private readonly List<PendingTensor> _tensors = [];

    /// <summary>Creates a writer.</summary>
    /// <param name="alignment">Data alignment in bytes (a power of two; GGUF's default is 32).</param>
    public GgufWriter(int alignment = 32)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "must be a power of two");
        }

        Alignment = alignment;
        if (alignment != 32)
        {
            Add("general.alignment", new GgufMetadataValue(GgufValueType.UInt32, (uint)alignment));
        }
    }

    /// <summary>The data alignment.</summary>
    public int Alignment { get; }

    /// <summary>Sets a metadata value (replacing one with the same key, keeping its place).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter Add(string key, GgufMetadataValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_metadata.ContainsKey(key))
        {
            _keys.Add(key);
        }

        _metadata[key] = value;
        return this;
    }

    /// <summary>Sets a string value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddString(string key, string value) => Add(key, new GgufMetadataValue(GgufValueType.String, value));

    /// <summary>Sets a uint32 value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddUInt32(string key, uint value) => Add(key, new GgufMetadataValue(GgufValueType.UInt32, value));

    /// <summary>Sets an int32 value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddInt32(string key, int value) => Add(key, new GgufMetadataValue(GgufValueType.Int32, value));

    /// <summary>Sets a float32 value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddFloat32(string key, float value) => Add(key, new GgufMetadataValue(GgufValueType.Float32, value));

    /// <summary>Sets a bool value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddBool(string key, bool value) => Add(key, new GgufMetadataValue(GgufValueType.Bool, value));

    /// <summary>Sets an array value.</summary>
    /// <typeparam name="T">A GGUF scalar .NET type (string, int, float…).</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="elementType">The GGUF element type matching <typeparamref name="T"/>.</param>
    /// <param name="values">The elements.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddArray<T>(string key, GgufValueType elementType, IEnumerable<T> values) =>
        Add(key, new GgufMetadataValue(GgufValueType.Array, values.ToArray(), elementType));

    /// <summary>Adds a tensor with its data.</summary>
    /// <param name="name">Tensor name.</param>
    /// <param name="dimensions">ggml dimensions, ne0 first.</param>
    /// <param name="type">Element type.</param>
    /// <param name="data">Exactly the tensor's bytes.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddTensor(string name, IReadOnlyList<ulong> dimensions, GgmlType type, ReadOnlyMemory<byte> data) =>
        AddTensor(name, dimensions, type, data.Length, s => s.Write(data.Span));

    /// <summary>Adds an F32 tensor.</summary>
    /// <param name="name">Tensor name.</param>
    /// <param name="dimensions">ggml dimensions, ne0 first.</param>
    /// <param name="values">The values, row-major over ne0.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddTensor(string name, IReadOnlyList<ulong> dimensions, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddTensor(name, dimensions, GgmlType.F32, values.Length * 4L, s => s.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));
    }

    /// <summary>Adds a tensor whose data is written later by a callback (for tensors too large to hold twice).</summary>
    /// <param name="name">Tensor name.</param>
    /// <param name="dimensions">ggml dimensions, ne0 first.</param>
    /// <param name="type">Element type.</param>
    /// <param name="byteSize">The exact number of bytes the callback writes.</param>
    /// <param name="writeData">Writes the data.</param>
    /// <returns>This writer.</returns>
    public GgufWriter AddTensor(string name, IReadOnlyList<ulong> dimensions, GgmlType type, long byteSize, Action<Stream> writeData)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(writeData);
        if (dimensions.Count is 0 or > 4)
        {
            throw new ArgumentException("a tensor has 1 to 4 dimensions", nameof(dimensions));
        }

        long? expected = GgmlTypeInfo.ByteSize(type, dimensions);
        if (expected is not null && expected != byteSize)
        {
            throw new ArgumentException($"tensor '{name}' {type} [{string.Join(", ", dimensions)}] needs {expected} bytes, not {byteSize}", nameof(byteSize));
        }

        if (_tensors.Exists(t => t.Name == name))
        {
            throw new ArgumentException($"tensor '{name}' was already added", nameof(name));
        }

        _tensors.Add(new PendingTensor(name, dimensions.ToArray(), type, byteSize, writeData));
        return this;
    }

    /// <summary>Writes the file (to a temporary name first, then moved into place).</summary>
    /// <param name="path">The output path.</param>
    public void WriteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                WriteTo(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes GGUF to a stream.</summary>
    /// <param name="stream">The destination.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var counting = new CountingStream(stream);
        using (var w = new BinaryWriter(counting, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(GgufFile.Magic);
            w.Write(3u);
            w.Write((ulong)_tensors.Count);
            w.Write((ulong)_keys.Count);
            foreach (string key in _keys)
            {
                WriteString(w, key);
                WriteValue(w, _metadata[key]);
            }

            ulong offset = 0;
            foreach (var t in _tensors)
            {
                WriteString(w, t.Name);
                w.Write((uint)t.Dimensions.Length);
                foreach (ulong d in t.Dimensions)
                {
                    w.Write(d);
                }

                w.Write((uint)t.Type);
                w.Write(offset);
                offset = Align(offset + (ulong)t.ByteSize);
            }

            w.Flush();
        }

        Pad(counting);
        foreach (var t in _tensors)
        {
            long start = counting.Written;
            t.WriteData(counting);
            if (counting.Written - start != t.ByteSize)
            {
                throw new InvalidOperationException($"tensor '{t.Name}': the callback wrote {counting.Written - start} bytes, {t.ByteSize} were declared");
            }

            Pad(counting);
        }

        counting.Flush();
    }

    private ulong Align(ulong n) => (n + (ulong)Alignment - 1) / (ulong)Alignment * (ulong)Alignment;

    private void Pad(CountingStream s)
    {
        long padded = (long)Align((ulong)s.Written);
        if (padded > s.Written)
        {
            s.Write(new byte[padded - s.Written]);
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteValue(BinaryWriter w, GgufMetadataValue v)
    {
        w.Write((uint)v.Type);
        if (v.Type == GgufValueType.Array)
        {
            var elementType = v.ElementType ?? throw new InvalidOperationException("array without element type");
            var array = (Array)v.Value;
            w.Write((uint)elementType);
            w.Write((ulong)array.Length);
            foreach (object? item in array)
            {
                WriteScalar(w, elementType, item!);
            }

            return;
        }

        WriteScalar(w, v.Type, v.Value);
    }

    private static void WriteScalar(BinaryWriter w, GgufValueType type, object value)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        switch (type)
        {
            case GgufValueType.UInt8: w.Write(Convert.ToByte(value, c)); break;
            case GgufValueType.Int8: w.Write(Convert.ToSByte(value, c)); break;
            case GgufValueType.UInt16: w.Write(Convert.ToUInt16(value, c)); break;
            case GgufValueType.Int16: w.Write(Convert.ToInt16(value, c)); break;
            case GgufValueType.UInt32: w.Write(Convert.ToUInt32(value, c)); break;
            case GgufValueType.Int32: w.Write(Convert.ToInt32(value, c)); break;
            case GgufValueType.Float32: w.Write(Convert.ToSingle(value, c)); break;
            case GgufValueType.Bool: w.Write((byte)(Convert.ToBoolean(value, c) ? 1 : 0)); break;
            case GgufValueType.String: WriteString(w, (string)value); break;
            case GgufValueType.UInt64: w.Write(Convert.ToUInt64(value, c)); break;
            case GgufValueType.Int64: w.Write(Convert.ToInt64(value, c)); break;
            case GgufValueType.Float64: w.Write(Convert.ToDouble(value, c)); break;
            default: throw new InvalidOperationException($"cannot write value type {type}");
        }
    }

    private sealed record PendingTensor(string Name, ulong[] Dimensions, GgmlType Type, long ByteSize, Action<Stream> WriteData);
}
