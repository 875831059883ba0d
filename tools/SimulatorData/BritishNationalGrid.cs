using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace UrbanTwin.SimulatorData;

/// <summary>
/// British National Grid (EPSG:27700: OSGB 1936, Airy 1830, transverse Mercator) eastings and
/// northings to WGS84 longitude and latitude with ProjNet, including the OSGB 1936 → WGS84 datum
/// shift (EPSG's 7-parameter Helmert transformation, about 5 m accurate); without the shift a
/// London point lands about 100 m off.
/// </summary>
public sealed class BritishNationalGrid
{
    private const string Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\"," +
        "GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]]," +
        "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2]," +
        "PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000],PARAMETER[\"false_northing\",-100000]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    private readonly MathTransform _toWgs84;

    public BritishNationalGrid()
    {
        var grid = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);
        _toWgs84 = new CoordinateTransformationFactory().CreateFromCoordinateSystems(grid, GeographicCoordinateSystem.WGS84).MathTransform;
    }

    /// <summary>WGS84 (longitude, latitude) in degrees of a grid position in metres.</summary>
    public (double Longitude, double Latitude) ToWgs84(double easting, double northing) => _toWgs84.Transform(easting, northing);
}
