using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Alerts;

[GenerateSerializer]
[Alias("ut.AlertBookState")]
public sealed class AlertBookState
{
    [Id(0)]
    public Dictionary<string, Alert> Active { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Newest last; bounded.</summary>
    [Id(1)]
    public List<Alert> Recent { get; set; } = [];
}
