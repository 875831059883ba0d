using System.Globalization;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>Times as the open data writes them: RFC 3339 in UTC, milliseconds only when there are any (<c>2019-05-07T09:00:00Z</c>).</summary>
internal static class OpenTime
{
    public static string Format(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
