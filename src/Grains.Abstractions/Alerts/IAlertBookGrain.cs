namespace UrbanTwin.Grains.Abstractions.Alerts;

/// <summary>
/// The city's alert book (one grain, key <see cref="Key"/>): every twin reports the alerts it
/// raises and clears here, so operators can list the active ones and the recent history.
/// </summary>
[Alias("ut.IAlertBookGrain")]
public interface IAlertBookGrain : IGrainWithStringKey
{
    public const string Key = "city";

    [Alias("Record")]
    Task RecordAsync(Alert alert);

    [Alias("Active")]
    Task<IReadOnlyList<Alert>> GetActiveAsync();

    /// <summary>The most recent alerts, raised or cleared, newest first.</summary>
    [Alias("Recent")]
    Task<IReadOnlyList<Alert>> GetRecentAsync(int count);
}
