using System.Buffers;
using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TimeSeries.LineProtocol;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Influx;

/// <summary>
/// The time series in InfluxDB: writes go through the buffered <see cref="TimeSeriesWriter"/>,
/// reads are InfluxQL with the asset or area as a bound parameter; field names come from the
/// contract's catalogue and aggregates from an enum, so no caller text reaches the query. At start
/// it creates the database, the raw retention policy (default) and the 1-minute and 1-hour
/// downsampling policies with their continuous queries, when missing, and gives existing policies
/// the configured durations.
/// </summary>
public sealed class InfluxTimeSeriesStore(InfluxClient client, TimeSeriesWriter writer, InfluxOptions options) : ITimeSeriesStore
{
    // Read by the node's health check on other threads.
    private volatile bool _schemaReady;
    private volatile string? _schemaProblem;

    /// <summary>
    /// Creates what is missing and gives the retention policies the configured durations, then
    /// lets the writer send. A refusal (4xx, e.g. a user without the right to create databases)
    /// also lets it send, since the schema is then someone else's to make; an unreachable InfluxDB
    /// keeps it holding, its batches in the spool.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var db = Quote(options.Database);
            await IgnoringExistingAsync($"CREATE DATABASE {db}", cancellationToken);
            var policies = await RetentionPoliciesAsync(db, cancellationToken);
            await ApplyRetentionAsync(policies, db, "raw", options.RawRetention, isDefault: true, cancellationToken);
            await ApplyRetentionAsync(policies, db, "by_minute", options.MinuteRetention, isDefault: false, cancellationToken);
            await ApplyRetentionAsync(policies, db, "by_hour", options.HourRetention, isDefault: false, cancellationToken);
            foreach (var kind in DeviceKinds.All)
            {
                var measurement = SeriesSchema.MeasurementOf(kind);
                await IgnoringExistingAsync($"CREATE CONTINUOUS QUERY \"{measurement}_1m\" ON {db} BEGIN SELECT mean(*) INTO \"by_minute\".\"{measurement}\" FROM \"raw\".\"{measurement}\" GROUP BY time(1m), * END", cancellationToken);
                await IgnoringExistingAsync($"CREATE CONTINUOUS QUERY \"{measurement}_1h\" ON {db} BEGIN SELECT mean(*) INTO \"by_hour\".\"{measurement}\" FROM \"raw\".\"{measurement}\" GROUP BY time(1h), * END", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _schemaProblem = ex.Message;
            if (ex is InfluxException { IsRetryable: false })
            {
                writer.Release();
            }

            throw;
        }

        _schemaProblem = null;
        _schemaReady = true;
        writer.Release();
    }

    /// <summary>
    /// Whether the database, retention policies and continuous queries have been set up as
    /// configured by this process; until then writes wait in the spool (or, after a refusal, go
    /// out to whatever schema InfluxDB has).
    /// </summary>
    public bool SchemaReady => _schemaReady;

    /// <summary>Why the last set-up attempt failed, as InfluxDB or the network said; null once set up.</summary>
    public string? SchemaProblem => _schemaProblem;

    public async ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(points.Count * 160);
        var written = 0;
        foreach (var point in points)
        {
            var line = LinePoint.Start(buffer, SeriesSchema.MeasurementOf(point.Kind));
            if (point.AreaId is { Length: > 0 } area)
            {
                line = line.Tag("area", area);
            }

            line = line.Tag("asset", point.AssetId).Tag("kind", point.Kind.ToSegment());
            var any = false;
            foreach (var field in SeriesSchema.FieldsOf(point.Kind))
            {
                if (point.Reading.TryGet(field.Slot, out var value))
                {
                    line = line.Field(field.Name, value);
                    any = true;
                }
            }

            if (any)
            {
                line.End(point.Reading.TimestampMs);
                written++;
            }
        }

        await writer.SubmitAsync(buffer.WrittenMemory, written, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => writer.DrainAsync(cancellationToken);

    public async Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var f = SeriesSchema.Field(kind, field).Name;
        var query = string.Create(CultureInfo.InvariantCulture, $"SELECT \"{f}\" FROM {From(kind)} WHERE \"asset\" = $key AND time >= {fromMs}ms AND time < {toMs}ms");
        return await RunAsync(query, assetId, cancellationToken);
    }

    public async Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var f = SeriesSchema.Field(kind, field).Name;
        var tag = byArea ? "area" : "asset";
        var query = string.Create(CultureInfo.InvariantCulture, $"SELECT {FunctionOf(aggregate)}(\"{f}\") FROM {From(kind)} WHERE \"{tag}\" = $key AND time >= {fromMs}ms AND time < {toMs}ms GROUP BY time({everyMs}ms) fill(none)");
        return await RunAsync(query, key, cancellationToken);
    }

    public async Task<IReadOnlyList<AssetWindow>> AggregateByAssetAsync(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var columns = SeriesSchema.WindowFields(kind, fields);
        var select = string.Join(", ", columns.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{FunctionOf(fields[i].Aggregate)}(\"{f.Name}\") AS \"c{i}\"")));
        var area = areaId is null ? "" : " AND \"area\" = $key";
        var query = string.Create(CultureInfo.InvariantCulture, $"SELECT {select} FROM {From(kind)} WHERE time >= {fromMs}ms AND time < {toMs}ms{area} GROUP BY time({everyMs}ms), \"asset\", \"area\" fill(none)");
        var parameters = areaId is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["key"] = areaId };
        using var result = await client.QueryAsync(query, parameters, cancellationToken);
        var rows = new List<AssetWindow>();
        if (!result.RootElement.GetProperty("results")[0].TryGetProperty("series", out var series))
        {
            return rows;
        }

        foreach (var one in series.EnumerateArray())
        {
            var tags = one.GetProperty("tags");
            var asset = tags.GetProperty("asset").GetString()!;
            var areaTag = tags.TryGetProperty("area", out var a) && a.GetString() is { Length: > 0 } text ? text : null;
            foreach (var row in one.GetProperty("values").EnumerateArray())
            {
                var values = new double?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = row[1 + i].ValueKind == JsonValueKind.Number ? row[1 + i].GetDouble() : null;
                }

                rows.Add(new AssetWindow(asset, areaTag, row[0].GetInt64(), values));
            }
        }

        rows.Sort(AssetWindow.Order);
        return rows;
    }

    private static string FunctionOf(Aggregate aggregate) => aggregate switch
    {
        Aggregate.Mean => "mean",
        Aggregate.Min => "min",
        Aggregate.Max => "max",
        Aggregate.Count => "count",
        Aggregate.Sum => "sum",
        _ => "last",
    };

    private static string From(DeviceKind kind) => "\"raw\".\"" + SeriesSchema.MeasurementOf(kind) + "\"";

    private async Task<IReadOnlyList<SeriesValue>> RunAsync(string query, string key, CancellationToken cancellationToken)
    {
        using var result = await client.QueryAsync(query, new Dictionary<string, object> { ["key"] = key }, cancellationToken);
        var values = new List<SeriesValue>();
        var first = result.RootElement.GetProperty("results")[0];
        if (!first.TryGetProperty("series", out var series))
        {
            return values;
        }

        foreach (var row in series[0].GetProperty("values").EnumerateArray())
        {
            if (row[1].ValueKind == JsonValueKind.Number)
            {
                values.Add(new SeriesValue(row[0].GetInt64(), row[1].GetDouble()));
            }
        }

        return values;
    }

    private async Task IgnoringExistingAsync(string statement, CancellationToken cancellationToken)
    {
        try
        {
            (await client.CommandAsync(statement, cancellationToken)).Dispose();
        }
        catch (InfluxException ex) when (ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // created by an earlier start
        }
    }

    /// <summary>Each retention policy of the database: its duration as InfluxDB shows it and whether it is the default.</summary>
    private async Task<Dictionary<string, (string Duration, bool IsDefault)>> RetentionPoliciesAsync(string db, CancellationToken cancellationToken)
    {
        using var result = await client.QueryAsync($"SHOW RETENTION POLICIES ON {db}", new Dictionary<string, object>(), cancellationToken);
        var policies = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        if (!result.RootElement.GetProperty("results")[0].TryGetProperty("series", out var series))
        {
            return policies;
        }

        var columns = series[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var (name, duration, isDefault) = (columns.IndexOf("name"), columns.IndexOf("duration"), columns.IndexOf("default"));
        foreach (var row in series[0].GetProperty("values").EnumerateArray())
        {
            policies[row[name].GetString()!] = (row[duration].GetString()!, row[isDefault].GetBoolean());
        }

        return policies;
    }

    /// <summary>
    /// Creates a retention policy when missing and alters it when its duration (or, for the
    /// default one, being the default) differs from the configuration: InfluxDB refuses to create a
    /// policy again with another duration, so a changed setting would otherwise never apply.
    /// </summary>
    private async Task ApplyRetentionAsync(Dictionary<string, (string Duration, bool IsDefault)> policies, string db, string name, TimeSpan? retention, bool isDefault, CancellationToken cancellationToken)
    {
        var makeDefault = isDefault ? " DEFAULT" : "";
        if (!policies.TryGetValue(name, out var current))
        {
            (await client.CommandAsync($"CREATE RETENTION POLICY \"{name}\" ON {db} DURATION {Duration(retention)} REPLICATION 1{makeDefault}", cancellationToken)).Dispose();
        }
        else if (current.Duration != Shown(retention) || (isDefault && !current.IsDefault))
        {
            // SHARD DURATION 0s lets InfluxDB choose the shard length for the new duration, as it
            // does at creation; it refuses a duration shorter than the old shard length otherwise.
            (await client.CommandAsync($"ALTER RETENTION POLICY \"{name}\" ON {db} DURATION {Duration(retention)} SHARD DURATION 0s{makeDefault}", cancellationToken)).Dispose();
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A retention in whole hours, InfluxDB's smallest; unset or under an hour: forever (null).</summary>
    private static long? Hours(TimeSpan? span) => span is { } s && (long)s.TotalHours > 0 ? (long)s.TotalHours : null;

    private static string Duration(TimeSpan? span) =>
        Hours(span) is { } hours ? string.Create(CultureInfo.InvariantCulture, $"{hours}h") : "INF";

    /// <summary>How SHOW RETENTION POLICIES writes a duration we set (Go's format): 720h as "720h0m0s", forever as "0s".</summary>
    private static string Shown(TimeSpan? span) =>
        Hours(span) is { } hours ? string.Create(CultureInfo.InvariantCulture, $"{hours}h0m0s") : "0s";
}
