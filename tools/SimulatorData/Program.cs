using UrbanTwin.SimulatorData;

// Writes src/Simulator/Data/* from the public data kept in tests/TestSupport/Data. Run from anywhere
// inside the repository:
//   dotnet run --project tools/SimulatorData
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "UrbanTwin.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run this inside the repository");
}

var publicData = Path.Combine(root, "tests", "TestSupport", "Data");
var output = Path.Combine(root, "src", "Simulator", "Data");
var files = SimulatorDataSet.Derive(publicData, Path.Combine(root, "src", "TwinApi", "Areas", "london-boroughs.geojson"));
foreach (var (name, content) in files)
{
    File.WriteAllText(Path.Combine(output, name), content);
    Console.WriteLine($"{name}: {content.Count(c => c == '\n') - 1} rows");
}
