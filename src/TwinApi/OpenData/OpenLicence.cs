using System.Text.Json;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>The licence block every open-data document carries: the licence's name and URL, the attribution re-users must show, and the publisher.</summary>
public sealed record OpenLicence(string Name, string Url, string Attribution, string Publisher)
{
    public static OpenLicence From(OpenDataOptions options) => new(options.LicenceName, options.LicenceUrl, options.Attribution, options.Publisher);

    /// <summary>Writes the block as the property <c>licence</c> of the current JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("licence");
        writer.WriteString("name", Name);
        writer.WriteString("url", Url);
        writer.WriteString("attribution", Attribution);
        writer.WriteString("publisher", Publisher);
        writer.WriteEndObject();
    }
}
