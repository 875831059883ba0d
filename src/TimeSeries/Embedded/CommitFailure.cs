namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The embedded store cannot commit: since when, how many attempts in a row have failed, and
/// SQLite's reason for the last one. Readings and flushes wait meanwhile (nothing is dropped), and
/// once a commit succeeds the store reports no failure again.
/// </summary>
public sealed record CommitFailure(DateTimeOffset Since, int Attempts, string Reason);
