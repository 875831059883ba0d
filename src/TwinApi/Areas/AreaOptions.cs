using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>Where the named areas come from (section <c>Areas</c>).</summary>
public sealed class AreaOptions
{
    public const string Section = "Areas";

    /// <summary>A GeoJSON FeatureCollection loaded at start-up (relative paths: to the host's directory); empty for none.</summary>
    public string? GeoJsonPath { get; set; } = "Areas/london-boroughs.geojson";

    /// <summary>The feature property holding the area id (the feature's <c>id</c> when absent).</summary>
    [Required(ErrorMessage = "Areas:IdProperty must not be empty.")]
    public string IdProperty { get; set; } = "code";

    [Required(ErrorMessage = "Areas:NameProperty must not be empty.")]
    public string NameProperty { get; set; } = "name";

    /// <summary>How often a node looks for areas added through another node.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Areas:RefreshInterval must be between {1} and {2}.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
