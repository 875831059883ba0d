using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.TwinApi.Alerts;

/// <summary>An answer of <c>GET /api/alerts</c>: whether it lists the active alerts or the recent history, and the alerts, newest first.</summary>
public sealed record AlertList(bool Active, IReadOnlyList<Alert> Alerts);
