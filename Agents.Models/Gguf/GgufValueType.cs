namespace Agents.Models.Gguf;

/// <summary>Types of GGUF metadata values.</summary>
#pragma warning disable CA1720 // the names are GGUF's own
public enum GgufValueType : uint
{
    /// <summary>byte.</summary>
    UInt8 = 0,
    /// <summary>sbyte.</summary>
    Int8 = 1,
    /// <summary>ushort.</summary>
    UInt16 = 2,
    /// <summary>short.</summary>
    Int16 = 3,
    /// <summary>uint.</summary>
    UInt32 = 4,
    /// <summary>int.</summary>
    Int32 = 5,
    /// <summary>float.</summary>
    Float32 = 6,
    /// <summary>bool (one byte).</summary>
    Bool = 7,
    /// <summary>UTF-8 string.</summary>
    String = 8,
    /// <summary>Array of one element type.</summary>
    Array = 9,
    /// <summary>ulong.</summary>
    UInt64 = 10,
    /// <summary>long.</summary>
    Int64 = 11,
    /// <summary>double.</summary>
    Float64 = 12,
}
#pragma warning restore CA1720
