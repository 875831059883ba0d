namespace UrbanTwin.TestSupport;

/// <summary>Locates the repository root (the folder holding UrbanTwin.sln) and the test data inside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string FirmwareContracts => Path.Combine(Root, "firmware-contracts");

    /// <summary>The real public data the tests read, kept in the repository with its licences (<c>tests/TestSupport/Data</c>).</summary>
    public static string TestData => Path.Combine(Root, "tests", "TestSupport", "Data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UrbanTwin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UrbanTwin.sln not found above " + AppContext.BaseDirectory);
    }
}
