namespace UrbanTwin.TwinApi.Assets;

/// <summary>A device's MQTT credentials: user name = device id, password = secret. Shown once; only a hash is kept.</summary>
public sealed record DeviceCredentials(string DeviceId, string Secret);
