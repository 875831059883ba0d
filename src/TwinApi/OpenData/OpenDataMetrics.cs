using System.Diagnostics.Metrics;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>The open data's metrics (meter <c>UrbanTwin.OpenData</c>); requests less builds is what the node's cache answered.</summary>
public sealed class OpenDataMetrics
{
    public const string MeterName = "UrbanTwin.OpenData";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _builds;
    private readonly Counter<long> _rateLimited;

    public OpenDataMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("urbantwin.opendata.requests", "{request}", "Open-data documents asked for, by format");
        _builds = meter.CreateCounter<long>("urbantwin.opendata.builds", "{document}", "Open-data documents built from the twins or the time series, by format");
        _rateLimited = meter.CreateCounter<long>("urbantwin.opendata.rate_limited", "{request}", "Open-data requests refused because their client address was over its rate");
    }

    /// <param name="format"><c>catalogue</c>, <c>geojson</c> or <c>csv</c>.</param>
    public void Requested(string format) => _requests.Add(1, new KeyValuePair<string, object?>("format", format));

    /// <param name="format"><c>geojson</c> or <c>csv</c>.</param>
    public void Built(string format) => _builds.Add(1, new KeyValuePair<string, object?>("format", format));

    public void RateLimited() => _rateLimited.Add(1);
}
