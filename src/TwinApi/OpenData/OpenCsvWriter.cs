using System.Globalization;
using System.Text;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// Writes a kind's history as RFC 4180 CSV (UTF-8, CRLF, a header row): <c>time,asset,area</c>,
/// then one column per open field (its window mean, or its sum for counts of people), and for
/// kinds that count people a last column <c>suppressed</c> naming the counts withheld in that row
/// (fewer than k people: the cell is empty, never the number). Numbers in the invariant culture.
/// </summary>
public static class OpenCsvWriter
{
    public const string MediaType = "text/csv; charset=utf-8; header=present";

    public static byte[] Write(IReadOnlyList<OpenField> fields, IEnumerable<AssetWindow> rows, int suppressBelow)
    {
        var suppressible = fields.Any(f => f.IsPeopleCount);
        using var stream = new MemoryStream();
        using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" })
        {
            text.Write("time,asset,area");
            foreach (var field in fields)
            {
                text.Write(',');
                text.Write(field.Name);
            }

            text.WriteLine(suppressible ? ",suppressed" : "");
            var withheld = new List<string>();
            foreach (var row in rows)
            {
                text.Write(OpenTime.Format(row.StartMs));
                text.Write(',');
                text.Write(Cell(row.AssetId));
                text.Write(',');
                text.Write(Cell(row.AreaId ?? ""));
                withheld.Clear();
                for (var i = 0; i < fields.Count; i++)
                {
                    text.Write(',');
                    if (row.Values[i] is not { } value)
                    {
                        continue;
                    }

                    if (fields[i].IsSuppressed(value, suppressBelow))
                    {
                        withheld.Add(fields[i].Name);
                    }
                    else
                    {
                        text.Write(fields[i].Published(value).ToString("R", CultureInfo.InvariantCulture));
                    }
                }

                text.WriteLine(suppressible ? "," + string.Join(' ', withheld) : "");
            }
        }

        return stream.ToArray();
    }

    /// <summary>A field quoted when it holds a comma, a quote or a line break (RFC 4180 §2).</summary>
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
