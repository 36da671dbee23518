// Usage: Agents.Memory.CrashWriter DB_PATH FIRST_ID
// Writes batches of 1-4 records (ids "r{n}") in one transaction each, forever, and prints "ack A B" after the
// commit of ids A..B returned. Each vector encodes its id, so the test can check content as well as presence.
using Agents.Memory.Storage;

var path = args[0];
var next = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
using var index = SqliteVectorIndex.Open(path);
var random = new Random((int)next);
Console.Out.WriteLine("open");
Console.Out.Flush();
while (true)
{
    var count = random.Next(1, 5);
    var batch = new List<VectorRecord>(count);
    for (var i = 0; i < count; i++)
    {
        var id = next + i;
        batch.Add(new VectorRecord($"r{id}", CrashRecord.VectorFor(id), $"record {id} " + new string('x', random.Next(0, 2000))) { Source = "crash", Tags = ["t" + (id % 3)] });
    }

    await index.UpsertAsync(batch);
    Console.Out.WriteLine($"ack {next} {next + count - 1}");
    Console.Out.Flush();
    next += count;
}

internal static class CrashRecord
{
    public static float[] VectorFor(long id)
    {
        var rng = new Random((int)(id * 7919 % int.MaxValue));
        var v = new float[8];
        for (var d = 0; d < v.Length; d++)
        {
            v[d] = (float)((rng.NextDouble() * 2) - 1);
        }

        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
