using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace UrbanTwin.Dashboard.Bench;

/// <summary>
/// Imports the bench's fleet through <c>POST /api/assets/import</c> (CSV, 10,000 rows a request):
/// assets of the three kinds in turn at random places over London, seeded so every run maps the
/// same city. Returns the air-quality stations' device secrets, for the devices that will report.
/// </summary>
internal static class FleetImport
{
    private const int Chunk = 10_000;
    private static readonly string[] Kinds = ["air-quality", "footfall", "bus-priority"];

    public static async Task<List<(string Id, string Secret)>> ImportAsync(HttpClient admin, int count, CancellationToken cancellationToken)
    {
        var random = new Random(17);
        var stations = new List<(string Id, string Secret)>();
        var csv = new StringBuilder();
        for (var start = 0; start < count; start += Chunk)
        {
            csv.Clear().Append("id,kind,name,lon,lat\n");
            for (var i = start; i < Math.Min(start + Chunk, count); i++)
            {
                var lon = -0.45 + (random.NextDouble() * 0.7);
                var lat = 51.35 + (random.NextDouble() * 0.3);
                csv.Append(CultureInfo.InvariantCulture, $"dash-{i:D6},{Kinds[i % 3]},Bench asset {i},{lon:F5},{lat:F5}\n");
            }

            using var response = await admin.PostAsync(new Uri("api/assets/import", UriKind.Relative), new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
            }

            using var answer = JsonDocument.Parse(body);
            foreach (var asset in answer.RootElement.GetProperty("assets").EnumerateArray())
            {
                var id = asset.GetProperty("id").GetString()!;
                if (int.Parse(id.AsSpan(5), CultureInfo.InvariantCulture) % 3 == 0)
                {
                    stations.Add((id, asset.GetProperty("secret").GetString()!));
                }
            }
        }

        return stations;
    }
}
