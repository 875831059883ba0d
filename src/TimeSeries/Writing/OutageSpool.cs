using System.Globalization;

namespace UrbanTwin.TimeSeries.Writing;

/// <summary>
/// The writer's outage spool on disk: one file per batch InfluxDB could not take, named by a
/// rising sequence so they are replayed oldest first, each written whole (to a temporary name,
/// then moved) so a crash never leaves half a batch to replay. Counts the bytes it holds.
/// </summary>
internal sealed class OutageSpool
{
    private readonly string _directory;
    private long _bytes;
    private long _next;

    public OutageSpool(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        foreach (var file in Files())
        {
            _bytes += new FileInfo(file).Length;
            _next = Math.Max(_next, SequenceOf(file) + 1);
        }
    }

    /// <summary>Bytes waiting in the spool.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Keeps a batch as the newest file; returns the bytes now spooled.</summary>
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> batch)
    {
        Directory.CreateDirectory(_directory);
        var sequence = Interlocked.Increment(ref _next) - 1;
        var path = Path.Combine(_directory, sequence.ToString("D12", CultureInfo.InvariantCulture) + ".lp");
        await File.WriteAllBytesAsync(path + ".tmp", batch);
        File.Move(path + ".tmp", path);
        return Interlocked.Add(ref _bytes, batch.Length);
    }

    /// <summary>The spooled batches, oldest first.</summary>
    public string[] Files()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        var files = Directory.GetFiles(_directory, "*.lp");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Deletes a batch that has been sent.</summary>
    public void Remove(string file, int length)
    {
        File.Delete(file);
        Interlocked.Add(ref _bytes, -length);
    }

    private static long SequenceOf(string file) => long.Parse(Path.GetFileNameWithoutExtension(file), CultureInfo.InvariantCulture);
}
