namespace UrbanTwin.TestSupport;

/// <summary>Locates the repository root (the folder holding UrbanTwin.sln) and the shared data beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string FirmwareContracts => Path.Combine(Root, "firmware-contracts");

    /// <summary>The read-only public data set kept next to the repository (<c>../shared/data</c>).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

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
