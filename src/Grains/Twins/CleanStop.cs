using System.Collections.Concurrent;
using System.Text;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// What a node that stopped cleanly tells its next start, in the file <see cref="FileName"/> of its
/// data directory: that every twin it held wrote its state when it deactivated (so the write-behind
/// map cells and inventory lost nothing), and which of them were watching a device for silence.
/// The next start then wakes those twins only, instead of every twin of the fleet; after a crash
/// the file is missing and every twin wakes to list itself again. The file is taken (deleted) when
/// read, so a crash after that start counts as a crash.
/// </summary>
public sealed class CleanStop(string dataDirectory)
{
    public const string FileName = "clean-stop.twins";

    private readonly ConcurrentQueue<string> _watching = new();
    private long _active;

    private string FilePath => Path.Combine(dataDirectory, FileName);

    /// <summary>A twin activated.</summary>
    public void Activated() => Interlocked.Increment(ref _active);

    /// <summary>
    /// A twin deactivated with its state written; <paramref name="watching"/> when the node is
    /// stopping and the twin was watching its device.
    /// </summary>
    public void Deactivated(string assetId, bool watching)
    {
        if (watching)
        {
            _watching.Enqueue(assetId);
        }

        Interlocked.Decrement(ref _active);
    }

    /// <summary>
    /// Writes the file once the node has stopped, only if every twin that activated has also
    /// deactivated with its state written (a stop cut short is not clean). Returns whether it did.
    /// </summary>
    public bool Write()
    {
        if (Interlocked.Read(ref _active) != 0)
        {
            return false;
        }

        var temporary = FilePath + ".tmp";
        File.WriteAllLines(temporary, _watching.Distinct(StringComparer.Ordinal), Encoding.UTF8);
        File.Move(temporary, FilePath, overwrite: true);
        return true;
    }

    /// <summary>The twins that were watching when the node last stopped cleanly; null after a crash (or a first start).</summary>
    public IReadOnlyList<string>? Take()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        var watching = File.ReadAllLines(FilePath, Encoding.UTF8).Where(line => line.Length > 0).ToList();
        File.Delete(FilePath);
        return watching;
    }
}
