namespace Storefront.Stripe.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Storefront.slnx above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Fixtures shared between the repositories, checked out beside this one.</summary>
    public static string StripeFixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "stripe"));

    public static string PeersNodeModules => Path.Combine(Root, "tests", "peers", "node_modules");

    public static string NodeScripts => Path.Combine(Root, "tests", "Storefront.Stripe.Tests", "node");

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
