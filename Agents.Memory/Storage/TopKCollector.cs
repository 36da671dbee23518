namespace Agents.Memory.Storage;

/// <summary>
/// Keeps the k best items seen so far in a bounded min-heap: O(n log k). Best means the highest score, and among
/// equal scores the lowest item number, so the result is the same whatever order the items arrive in.
/// </summary>
internal sealed class TopKCollector
{
    private readonly int[] _items;
    private readonly float[] _scores;
    private int _count;

    public TopKCollector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _items = new int[k];
        _scores = new float[k];
    }

    /// <summary>Lowest score kept, or negative infinity while not full.</summary>
    public float Threshold => _count < _items.Length ? float.NegativeInfinity : _scores[0];

    public void Add(int item, float score)
    {
        if (_count < _items.Length)
        {
            var i = _count++;
            _items[i] = item;
            _scores[i] = score;
            SiftUp(i);
        }
        else if (Better(score, item, _scores[0], _items[0]))
        {
            _items[0] = item;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>The kept items, best first.</summary>
    public (int Item, float Score)[] ToSortedArray()
    {
        var result = new (int, float)[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = (_items[i], _scores[i]);
        }

        Array.Sort(result, static (a, b) => b.Item2.CompareTo(a.Item2) is var c && c != 0 ? c : a.Item1.CompareTo(b.Item1));
        return result;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_scores[parent], _items[parent], _scores[i], _items[i]))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var smallest = left + 1 < _count && Better(_scores[left], _items[left], _scores[left + 1], _items[left + 1]) ? left + 1 : left;
            if (!Better(_scores[i], _items[i], _scores[smallest], _items[smallest]))
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    /// <summary>Adds every item another collector kept (merging the heaps of a scan split into parts).</summary>
    public void AddAll(TopKCollector other)
    {
        for (var i = 0; i < other._count; i++)
        {
            Add(other._items[i], other._scores[i]);
        }
    }

    private static bool Better(float score, int item, float otherScore, int otherItem) =>
        score > otherScore || (score == otherScore && item < otherItem);

    private void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
