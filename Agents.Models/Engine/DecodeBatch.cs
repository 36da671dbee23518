using System.Runtime.InteropServices;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// A llama_batch kept in native memory for the scheduler's lifetime and handed to <c>llama_decode</c> directly.
/// LLamaSharp's own path pins every array of its managed batch and takes a process-wide lock on each call
/// (13–27 µs per token here); this one writes a few integers and makes one call. Falls back to LLamaSharp's
/// <see cref="SafeLLamaContextHandle.Decode(LLamaBatch)"/> when the export cannot be found.
/// </summary>
internal sealed class DecodeBatch : IDisposable
{
    private static readonly Lazy<LlamaDecode?> Direct = new(FindDecode);

    private readonly SafeLLamaContextHandle context;
    private readonly LlamaDecode? decode;
    private readonly LLamaBatch? fallback;
    private readonly int capacity;
    private readonly IntPtr tokens;
    private readonly IntPtr positions;
    private readonly IntPtr seqCounts;
    private readonly IntPtr seqPointers;
    private readonly IntPtr seqValues;
    private readonly IntPtr logits;

    public DecodeBatch(SafeLLamaContextHandle context, int capacity)
    {
        this.context = context;
        this.capacity = capacity;
        decode = Direct.Value;
        if (decode is null)
        {
            fallback = new LLamaBatch();
            return;
        }

        tokens = Marshal.AllocHGlobal(capacity * 4);
        positions = Marshal.AllocHGlobal(capacity * 4);
        seqCounts = Marshal.AllocHGlobal(capacity * 4);
        seqPointers = Marshal.AllocHGlobal(capacity * IntPtr.Size);
        seqValues = Marshal.AllocHGlobal(capacity * 4);
        logits = Marshal.AllocHGlobal(capacity);
        for (var i = 0; i < capacity; i++)
        {
            Marshal.WriteInt32(seqCounts, i * 4, 1);
            Marshal.WriteIntPtr(seqPointers, i * IntPtr.Size, seqValues + (i * 4));
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int LlamaDecode(IntPtr context, NativeBatch batch);

    /// <summary>True when decoding bypasses LLamaSharp's batch marshalling.</summary>
    public bool IsDirect => decode is not null;

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        fallback?.Clear();
    }

    /// <summary>Adds a token; returns its index in the batch (for sampling its logits).</summary>
    public int Add(LLamaToken token, int position, int sequence, bool wantLogits)
    {
        if (fallback is not null)
        {
            Count++;
            return fallback.Add(token, position, (LLamaSeqId)sequence, wantLogits);
        }

        if (Count == capacity)
        {
            throw new InvalidOperationException($"The decode batch is full ({capacity} tokens).");
        }

        var i = Count++;
        Marshal.WriteInt32(tokens, i * 4, (int)token);
        Marshal.WriteInt32(positions, i * 4, position);
        Marshal.WriteInt32(seqValues, i * 4, sequence);
        Marshal.WriteByte(logits, i, wantLogits ? (byte)1 : (byte)0);
        return i;
    }

    public DecodeResult Decode()
    {
        if (fallback is not null)
        {
            return context.Decode(fallback);
        }

        var batch = new NativeBatch
        {
            Count = Count,
            Tokens = tokens,
            Positions = positions,
            SequenceCounts = seqCounts,
            Sequences = seqPointers,
            Logits = logits,
        };
        var added = false;
        try
        {
            context.DangerousAddRef(ref added);
            return (DecodeResult)decode!(context.DangerousGetHandle(), batch);
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        if (fallback is not null)
        {
            return;
        }

        Marshal.FreeHGlobal(tokens);
        Marshal.FreeHGlobal(positions);
        Marshal.FreeHGlobal(seqCounts);
        Marshal.FreeHGlobal(seqPointers);
        Marshal.FreeHGlobal(seqValues);
        Marshal.FreeHGlobal(logits);
    }

    private static LlamaDecode? FindDecode()
    {
        // Use exactly the module LLamaSharp loaded (never another libllama on the search path).
        string[] names = ["libllama.so", "llama.dll", "libllama.dylib"];
        try
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            foreach (System.Diagnostics.ProcessModule module in process.Modules)
            {
                if (names.Contains(module.ModuleName, StringComparer.OrdinalIgnoreCase)
                    && NativeLibrary.TryLoad(module.FileName, out var library)
                    && NativeLibrary.TryGetExport(library, "llama_decode", out var address))
                {
                    return Marshal.GetDelegateForFunctionPointer<LlamaDecode>(address);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // Module list unavailable: use LLamaSharp's own decode path.
        }

        return null;
    }

    /// <summary>llama.cpp's <c>llama_batch</c>, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeBatch
    {
        public int Count;
        public IntPtr Tokens;
        public IntPtr Embeddings;
        public IntPtr Positions;
        public IntPtr SequenceCounts;
        public IntPtr Sequences;
        public IntPtr Logits;
    }
}
