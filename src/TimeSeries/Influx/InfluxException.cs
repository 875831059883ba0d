using System.Net;

namespace UrbanTwin.TimeSeries.Influx;

/// <summary>InfluxDB refused a request; <see cref="IsRetryable"/> says whether sending it again can help (5xx, not 4xx).</summary>
public sealed class InfluxException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public bool IsRetryable => (int)Status >= 500;
}
