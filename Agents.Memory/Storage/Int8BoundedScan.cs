using System.Numerics.Tensors;

namespace Agents.Memory.Storage;

/// <summary>
/// An int8 copy of every vector (one scale per vector) that lets an exact top-k search read about a quarter of the
/// bytes. Each vector v is stored as codes c and scale s with v = s·c + r; the query q likewise as q = t·d + e.
/// Then dot(v, q) = s·t·dot(c, d) + s·dot(c, e) + dot(r, q), the integer dot product is exact, and by Cauchy–Schwarz
/// the rest is at most s·‖c‖·‖e‖ + ‖r‖·‖q‖. A further (dims + 4)·2⁻²³·‖v‖·‖q‖ covers the rounding of the float32
/// dot product that defines the exact score. So every vector gets an interval that surely holds its float32 score;
/// the k-th best lower end is a threshold, and only vectors whose upper end reaches it are scored in float32.
/// The result is the float32 top k itself (same items, same scores, ties by lowest slot).
/// </summary>
internal sealed class Int8BoundedScan
{
    private const int MetaPerVector = 4; // scale, scale·‖codes‖, ‖residual‖, ‖vector‖ (norms rounded up)
    private readonly int _dimensions;
    private sbyte[] _codes = [];
    private float[] _meta = [];

    public Int8BoundedScan(int dimensions) => _dimensions = dimensions;

    /// <summary>Bytes a search reads per vector (codes and the four bound terms).</summary>
    public int BytesPerVector => _dimensions + (MetaPerVector * sizeof(float));

    public void EnsureCapacity(int rows)
    {
        if ((long)rows * _dimensions > _codes.Length)
        {
            var size = Math.Min(Array.MaxLength, Math.Max((long)rows * _dimensions, Math.Max(1024L, (long)_codes.Length * 2)));
            Array.Resize(ref _codes, (int)size);
            Array.Resize(ref _meta, (int)(size / _dimensions * MetaPerVector));
        }
    }

    /// <summary>Stores the int8 copy of <paramref name="vector"/> in <paramref name="slot"/>.</summary>
    public void Set(int slot, ReadOnlySpan<float> vector)
    {
        var codes = _codes.AsSpan(slot * _dimensions, _dimensions);
        var meta = _meta.AsSpan(slot * MetaPerVector, MetaPerVector);
        var max = TensorPrimitives.MaxMagnitude(vector);
        var scale = Math.Abs(max) / 127f;
        if (!float.IsFinite(scale))
        {
            codes.Clear();
            meta[0] = 0;
            meta[1] = meta[2] = meta[3] = float.PositiveInfinity; // always rescored
            return;
        }

        double codeNorm = 0, residualNorm = 0, norm = 0;
        for (var j = 0; j < vector.Length; j++)
        {
            var c = scale == 0 ? 0 : (int)Math.Clamp(MathF.Round(vector[j] / scale), -127, 127);
            codes[j] = (sbyte)c;
            var r = vector[j] - ((double)scale * c);
            codeNorm += (double)c * c;
            residualNorm += r * r;
            norm += (double)vector[j] * vector[j];
        }

        meta[0] = scale;
        meta[1] = RoundUp(scale * Math.Sqrt(codeNorm));
        meta[2] = RoundUp(Math.Sqrt(residualNorm));
        meta[3] = RoundUp(Math.Sqrt(norm));
    }

    /// <summary>
    /// The exact top k of <paramref name="count"/> slots, or null when the query is not finite (the caller then scans
    /// in float32). <paramref name="include"/> filters slots; <paramref name="exactScore"/> is the float32 score.
    /// </summary>
    public (int Item, float Score)[]? Search(ReadOnlySpan<float> query, int count, int topK, int parts, Func<int, bool>? include, Func<int, float> exactScore)
    {
        var max = TensorPrimitives.MaxMagnitude(query);
        if (!float.IsFinite(max))
        {
            return null;
        }

        var q = new QueryCode(query, Math.Abs(max) / 127f, _dimensions);
        var lows = new TopKCollector[parts];
        var candidates = new List<(int Item, double Upper)>[parts];
        if (parts == 1)
        {
            (lows[0], candidates[0]) = ScanPart(q, 0, count, topK, include);
        }
        else
        {
            Parallel.For(0, parts, p => (lows[p], candidates[p]) = ScanPart(q, (int)((long)count * p / parts), (int)((long)count * (p + 1) / parts), topK, include));
        }

        var low = lows[0];
        for (var p = 1; p < parts; p++)
        {
            low.AddAll(lows[p]);
        }

        var threshold = low.Threshold;
        var best = new TopKCollector(topK);
        foreach (var part in candidates)
        {
            foreach (var (item, upper) in part)
            {
                if (upper >= threshold)
                {
                    var score = exactScore(item);
                    if (score >= best.Threshold)
                    {
                        best.Add(item, score);
                    }
                }
            }
        }

        return best.ToSortedArray();
    }

    private (TopKCollector Lows, List<(int Item, double Upper)> Candidates) ScanPart(QueryCode q, int start, int end, int topK, Func<int, bool>? include)
    {
        var lows = new TopKCollector(topK);
        var candidates = new List<(int, double)>(Math.Min(4 * topK, Math.Max(0, end - start)));
        var d = _dimensions;
        var codes = _codes.AsSpan();
        var meta = _meta.AsSpan();
        var query = q.Codes.AsSpan();
        for (var i = start; i < end; i++)
        {
            if (include is not null && !include(i))
            {
                continue;
            }

            var m = meta.Slice(i * MetaPerVector, MetaPerVector);
            var approx = (double)m[0] * q.Scale * Int8DotProduct.Dot(codes.Slice(i * d, d), query);
            var margin = (((m[1] * q.ResidualNorm) + (m[2] * q.Norm) + (m[3] * q.RoundingPerNorm)) * (1 + 1e-6)) + 1e-30;
            if (!(margin < double.PositiveInfinity))
            {
                margin = double.PositiveInfinity; // a non-finite vector (or inf·0): no bound, always rescored
            }

            var upper = approx + margin;
            if (upper >= lows.Threshold)
            {
                candidates.Add((i, upper));
                var lower = RoundDown(approx - margin);
                if (lower >= lows.Threshold)
                {
                    lows.Add(i, lower);
                }
            }
        }

        return (lows, candidates);
    }

    private static float RoundUp(double x)
    {
        var f = (float)x;
        return f < x ? MathF.BitIncrement(f) : f;
    }

    private static float RoundDown(double x)
    {
        var f = (float)x;
        return f > x ? MathF.BitDecrement(f) : f;
    }

    /// <summary>The query as int16-widened int8 codes with its scale and the norms the bound needs.</summary>
    private sealed class QueryCode
    {
        public QueryCode(ReadOnlySpan<float> query, float scale, int dimensions)
        {
            Scale = scale;
            Codes = new short[dimensions];
            double residual = 0, norm = 0;
            for (var j = 0; j < dimensions; j++)
            {
                var c = scale == 0 ? 0 : (int)Math.Clamp(MathF.Round(query[j] / scale), -127, 127);
                Codes[j] = (short)c;
                var r = query[j] - ((double)scale * c);
                residual += r * r;
                norm += (double)query[j] * query[j];
            }

            ResidualNorm = Math.Sqrt(residual) * (1 + 1e-9);
            Norm = Math.Sqrt(norm) * (1 + 1e-9);
            RoundingPerNorm = (dimensions + 4) * Math.ScaleB(1.0, -23) * Norm;
        }

        public short[] Codes { get; }

        public float Scale { get; }

        public double ResidualNorm { get; }

        public double Norm { get; }

        /// <summary>Bound on the float32 dot product's rounding error, per unit of the vector's norm.</summary>
        public double RoundingPerNorm { get; }
    }
}
