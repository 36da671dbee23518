using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Agents.Memory.Storage;

/// <summary>Exact integer dot product of int8 codes with a query widened to int16 (AVX-512BW, AVX2 or scalar).</summary>
internal static class Int8DotProduct
{
    /// <summary>Σ codes[j]·query[j]. Exact: |codes|, |query| ≤ 127 and the sum fits an int for any length below 133,000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        ref var a = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(codes));
        ref var b = ref MemoryMarshal.GetReference(query);
        var n = codes.Length;
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported && n >= 32)
        {
            var acc0 = Vector512<int>.Zero;
            var acc1 = Vector512<int>.Zero;
            for (; i + 64 <= n; i += 64)
            {
                var c0 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i))));
                var c1 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i + 32))));
                acc0 += Avx512BW.MultiplyAddAdjacent(c0, Vector512.LoadUnsafe(ref b, (nuint)i));
                acc1 += Avx512BW.MultiplyAddAdjacent(c1, Vector512.LoadUnsafe(ref b, (nuint)(i + 32)));
            }

            for (; i + 32 <= n; i += 32)
            {
                var c0 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i))));
                acc0 += Avx512BW.MultiplyAddAdjacent(c0, Vector512.LoadUnsafe(ref b, (nuint)i));
            }

            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Avx2.IsSupported && n >= 16)
        {
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i + 32 <= n; i += 32)
            {
                var c0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i))));
                var c1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i + 16))));
                acc0 += Avx2.MultiplyAddAdjacent(c0, Vector256.LoadUnsafe(ref b, (nuint)i));
                acc1 += Avx2.MultiplyAddAdjacent(c1, Vector256.LoadUnsafe(ref b, (nuint)(i + 16)));
            }

            for (; i + 16 <= n; i += 16)
            {
                var c0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref Unsafe.Add(ref a, i))));
                acc0 += Avx2.MultiplyAddAdjacent(c0, Vector256.LoadUnsafe(ref b, (nuint)i));
            }

            sum = Vector256.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            sum += (sbyte)Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }
}
