using Agents.Tools.Files;

namespace Agents.Tools.Tests;

/// <summary>
/// Entry point of this test assembly when it runs as a child process (the test host never calls it).
/// <c>crash-writer TARGET</c> starts an atomic write of an endless stream into TARGET, prints "writing" once
/// data reached the disk, and keeps writing until it is killed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "crash-writer")
        {
            await AtomicFileWriter.WriteAsync(args[1], async (stream, ct) =>
            {
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'N');
                var announced = false;
                while (true)
                {
                    await stream.WriteAsync(chunk, ct);
                    await stream.FlushAsync(ct);
                    if (!announced && stream.Length >= 1024 * 1024)
                    {
                        Console.Out.WriteLine("writing");
                        Console.Out.Flush();
                        announced = true;
                    }

                    await Task.Delay(2, ct);
                }
            }, overwrite: true);
            return 0;
        }

        Console.Error.WriteLine("usage: crash-writer TARGET");
        return 2;
    }
}
