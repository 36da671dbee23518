using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace Agents.Memory.Storage;

/// <summary>
/// Reserves capacity in a <see cref="USearchIndex"/> ahead of adds. The managed wrapper (2.26) only exposes
/// <c>Add</c>, which grows the native index to exactly <c>size + 1</c> whenever it is full: every single add then
/// reallocates the node arrays (O(n) per add, O(n²) per build), and concurrent adds would race with that reallocation.
/// With capacity reserved here (geometric growth), <c>Add</c> never reallocates, so adds can run on several threads
/// (USearch keeps one search context per hardware thread and locks nodes itself).
/// </summary>
internal static partial class USearchCapacity
{
    private static readonly FieldInfo? HandleField = typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>True when the native handle is reachable, so capacity can be reserved and adds run in parallel.</summary>
    public static bool Supported => HandleField?.FieldType == typeof(IntPtr);

    /// <summary>Makes room for <paramref name="additional"/> more vectors, at least doubling the capacity when it grows.</summary>
    /// <returns>False when reserving is not supported (callers then add one at a time).</returns>
    public static bool Reserve(USearchIndex index, long additional)
    {
        if (!Supported)
        {
            return false;
        }

        var needed = (ulong)((long)index.Size() + additional);
        var capacity = index.Capacity();
        if (needed <= capacity)
        {
            return true;
        }

        var target = Math.Max(needed, capacity * 2);
        var handle = (IntPtr)HandleField!.GetValue(index)!;
        Native.usearch_reserve(handle, checked((UIntPtr)target), out var error);
        if (error != IntPtr.Zero)
        {
            throw new InvalidOperationException($"USearch could not reserve {target} vectors: {Marshal.PtrToStringAnsi(error)}");
        }

        return true;
    }

    private static partial class Native
    {
        [LibraryImport("libusearch_c")]
        public static partial void usearch_reserve(IntPtr index, UIntPtr capacity, out IntPtr error);
    }
}
