namespace Storefront.Email.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Storefront.slnx above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Peers => Path.Combine(Root, "tests", "peers", "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storefront.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Storefront.slnx not found above " + AppContext.BaseDirectory);
    }
}
