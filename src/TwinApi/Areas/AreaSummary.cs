namespace UrbanTwin.TwinApi.Areas;

/// <summary>An area in a list: id, name, where it came from, and its bounding box <c>[minLon, minLat, maxLon, maxLat]</c>.</summary>
public sealed record AreaSummary(string Id, string Name, string Source, double[] Bbox)
{
    public static AreaSummary Of(Area area)
    {
        var envelope = area.Boundary.EnvelopeInternal;
        return new AreaSummary(area.AreaId, area.Name, area.Source, [envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY]);
    }
}
