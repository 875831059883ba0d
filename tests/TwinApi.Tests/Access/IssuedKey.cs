namespace UrbanTwin.TwinApi.Tests.Access;

/// <summary>A key as <c>POST /api/keys</c> issued it: its id and the key itself.</summary>
internal sealed record IssuedKey(string Id, string Key);
