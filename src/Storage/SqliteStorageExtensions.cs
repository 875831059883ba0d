using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace UrbanTwin.Storage;

/// <summary>The Storage project's front door.</summary>
public static class SqliteStorageExtensions
{
    /// <summary>
    /// Adds grain storage named <paramref name="name"/> in the SQLite file at <paramref name="databasePath"/>,
    /// with Orleans' own binary serializer: the same version-tolerant <c>[GenerateSerializer]</c>
    /// contracts (and surrogates) as grain calls, so state types need nothing else. The size of its
    /// write-ahead log is the gauge <c>urbantwin.storage.log.bytes</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddGrainStorage(name, (services, _) =>
        {
            if (services.GetService<IMeterFactory>() is { } meters)
            {
                GrainStorageMetrics.Observe(meters, databasePath);
            }

            return new SqliteGrainStorage(
                databasePath,
                ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
                services.GetRequiredService<ILogger<SqliteGrainStorage>>());
        });
        return silo;
    }
}
