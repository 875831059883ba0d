namespace UrbanTwin.TwinApi.Live;

/// <summary><c>event: reset</c>: a reconnecting live stream may have missed events; the client should read the twins again.</summary>
public sealed record ResetNote(string Reason);
