using System.Diagnostics.Metrics;

namespace UrbanTwin.Storage;

/// <summary>
/// The grain storage's metrics (meter <c>UrbanTwin.Storage</c>): the size of its write-ahead
/// log's file, which stays at or under 64 MiB while checkpoints keep up (see
/// <see cref="WalCheckpointer"/>); a log that keeps growing says checkpoints are failing or readers
/// keep it from starting again, and the disk will fill.
/// </summary>
internal static class GrainStorageMetrics
{
    public const string MeterName = "UrbanTwin.Storage";

    public static void Observe(IMeterFactory meters, string databasePath)
    {
        var log = databasePath + "-wal";
        meters.Create(MeterName).CreateObservableGauge(
            "urbantwin.storage.log.bytes",
            () => new FileInfo(log) is { Exists: true } file ? file.Length : 0,
            "By",
            "Bytes in the grain storage's SQLite write-ahead log file (at or under 64 MiB while checkpoints keep up)");
    }
}
