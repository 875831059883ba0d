using System.Text;

namespace UrbanTwin.Simulator.Places;

/// <summary>Reads the data files the simulator ships as embedded resources (<c>Data/*.csv</c>, see <c>Data/LICENCE.md</c>).</summary>
internal static class ShippedData
{
    /// <summary>The lines of a shipped CSV file after its header.</summary>
    public static IEnumerable<string> Rows(string fileName)
    {
        var name = "UrbanTwin.Simulator.Data." + fileName;
        using var stream = typeof(ShippedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<string>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line);
            }
        }

        return rows;
    }
}
