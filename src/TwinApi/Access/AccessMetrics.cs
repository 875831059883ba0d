using System.Diagnostics.Metrics;

namespace UrbanTwin.TwinApi.Access;

/// <summary>Access control's metrics (meter <c>UrbanTwin.Access</c>).</summary>
public sealed class AccessMetrics
{
    public const string MeterName = "UrbanTwin.Access";

    private readonly Counter<long> _refused;
    private readonly Counter<long> _refreshFailures;

    public AccessMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _refused = meter.CreateCounter<long>("urbantwin.access.refusals", "{request}", "Requests whose API key was refused, by reason");
        _refreshFailures = meter.CreateCounter<long>("urbantwin.access.key_refresh.failures", "{refresh}", "Failed reads of the key store; the node keeps validating with its last copy");
    }

    /// <param name="reason"><c>malformed</c>, <c>unknown</c>, <c>wrong-secret</c> or <c>revoked</c>.</param>
    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RefreshFailed() => _refreshFailures.Add(1);
}
