namespace Storefront.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Storefront.slnx above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder checked out beside the repository (fixtures).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string StripeFixtures => Path.Combine(Shared, "fixtures", "stripe");

    /// <summary>The npm packages the tests run as real servers and clients (installed by the test command).</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers", "node_modules");

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "StorefrontHost.dll");

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
