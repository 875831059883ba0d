namespace UrbanTwin.Simulator.Places;

/// <summary>A real London bus stop (TfL stop code, WGS84 position, name) where a simulated device stands.</summary>
public sealed record BusStop(string Code, double Longitude, double Latitude, string Name);
