using System.Text.RegularExpressions;

namespace Storefront.Tests.Hosting;

/// <summary>
/// The production layout works as written: each promise of <c>docker-compose.yml</c>, <c>.env.example</c> and the
/// <c>Dockerfile</c> holds for the files in the repository, and each check catches a copy broken on purpose.
/// </summary>
public sealed partial class ProductionLayoutTests
{
    private readonly ProductionLayout layout = ProductionLayout.FromRepository();

    [Fact]
    public void EveryServiceHasAHealthCheckOrWaitsForAHealthyOne()
    {
        Assert.Empty(layout.HealthProblems());

        var withoutMinioCheck = Mutate(layout.Compose, "      test: [\"CMD\", \"mc\", \"ready\", \"local\"]\n", "");
        Assert.Contains(withoutMinioCheck.HealthProblems(), p => p.Contains("s3 being healthy, but s3 has no healthcheck", StringComparison.Ordinal));
        var started = Mutate(layout.Compose, "s3: { condition: service_healthy }", "s3: { condition: service_started }");
        Assert.Contains("app: depends_on s3 without condition: service_healthy", started.HealthProblems());
    }

    [Fact]
    public async Task EveryKeyTheAppRequiresInProductionIsInTheExampleOrTheComposeFile()
    {
        var required = await RequiredInProductionAsync();
        // The refusal is the source of the list; these must be among what it names, or the list came from somewhere else.
        Assert.Contains("Stripe__WebhookSecret", required);
        Assert.Contains("DataProtection__KeyEncryptionKey", required);
        Assert.Contains("Site__BaseUrl", required);
        Assert.Empty(layout.MissingKeys(required));

        var withoutKey = new ProductionLayout(layout.Compose, Regex.Replace(layout.EnvExample, "^DataProtection__KeyEncryptionKey=.*$", "", RegexOptions.Multiline), layout.Dockerfile);
        Assert.Contains(withoutKey.MissingKeys(required), p => p.StartsWith("DataProtection__KeyEncryptionKey is required", StringComparison.Ordinal));
        var withoutHost = new ProductionLayout(layout.Compose, Regex.Replace(layout.EnvExample, "^SHOP_HOST=.*$", "", RegexOptions.Multiline), layout.Dockerfile);
        Assert.Contains(withoutHost.MissingKeys(required), p => p.StartsWith("${SHOP_HOST}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAdminAllowListCoversTheAdminInAnySpellingAndNothingElse()
    {
        Assert.Empty(AdminRuleProblems(layout.AdminPathRule()));

        var caseSensitive = Mutate(layout.Compose, "PathRegexp(`(?i)^/admin(/|$)`)", "PathRegexp(`^/admin(/|$)`)");
        Assert.Contains("misses /ADMIN", AdminRuleProblems(caseSensitive.AdminPathRule()));
        var prefix = Mutate(layout.Compose, "PathRegexp(`(?i)^/admin(/|$)`)", "PathRegexp(`(?i)^/admin`)");
        Assert.Contains("catches /administrator", AdminRuleProblems(prefix.AdminPathRule()));
        var anywhere = Mutate(layout.Compose, "PathRegexp(`(?i)^/admin(/|$)`)", "PathRegexp(`(?i)/admin(/|$)`)");
        Assert.Contains("catches /products/admin", AdminRuleProblems(anywhere.AdminPathRule()));
    }

    [Fact]
    public void EveryPathAServiceWritesStateToIsANamedVolume()
    {
        Assert.Empty(layout.VolumeProblems());
        Assert.Contains("Backup__Directory", layout.Compose);

        var anonymous = Mutate(layout.Compose, "volumes: [s3data:/data]", "volumes: [./minio:/data]");
        Assert.Contains(anonymous.VolumeProblems(), p => p.StartsWith("s3: keeps state in /data", StringComparison.Ordinal));
        var moved = Mutate(layout.Compose, "--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json", "--certificatesresolvers.le.acme.storage=/acme/acme.json");
        Assert.Contains("proxy: keeps state in /acme, which is not on a named volume", moved.VolumeProblems());
        var backups = Mutate(layout.Compose, "      - backups:/backups\n", "");
        Assert.Contains("app: keeps state in /backups, which is not on a named volume", backups.VolumeProblems());
    }

    [Fact]
    public void TheDockerfileBuildsWithTheSdkOfGlobalJsonAndInstallsTheRuntimePackagesTheReadmeNames()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var named = RuntimePackages(readme);
        Assert.Contains("qpdf", named);
        Assert.Contains("libqpdf29", named);
        // The machines the tests run on get the same packages, so what is tested is what ships.
        var tested = TestPackages().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "test.sh"))).Groups["packages"].Value.Split(' ');
        Assert.Empty(named.Except(tested));

        Assert.Empty(DockerProblems(layout, named));

        var olderSdk = Mutate(layout.Dockerfile, "dotnet/sdk:", "dotnet/sdk:9.0-was-", file: "Dockerfile");
        Assert.Contains(DockerProblems(olderSdk, named), p => p.StartsWith("SDK image", StringComparison.Ordinal));
        var missing = Mutate(layout.Dockerfile, " libqpdf29", "", file: "Dockerfile");
        Assert.Contains("runtime image lacks libqpdf29", DockerProblems(missing, named));
    }

    private static IReadOnlyList<string> AdminRuleProblems(Regex rule)
    {
        var problems = new List<string>();
        problems.AddRange(new[] { "/admin", "/ADMIN", "/Admin/x", "/admin/orders" }.Where(p => !rule.IsMatch(p)).Select(p => $"misses {p}"));
        problems.AddRange(new[] { "/administrator", "/products/admin", "/" }.Where(p => rule.IsMatch(p)).Select(p => $"catches {p}"));
        return problems;
    }

    private static IReadOnlyList<string> DockerProblems(ProductionLayout layout, IReadOnlyCollection<string> named)
    {
        var (sdk, packages) = layout.DockerBuild();
        var problems = named.Where(p => !packages.Contains(p)).Select(p => $"runtime image lacks {p}").ToList();
        problems.AddRange(packages.Where(p => !named.Contains(p)).Select(p => $"runtime image installs {p}, which the README does not name"));
        if (sdk != ProductionLayout.GlobalJsonSdkMajor())
        {
            problems.Add($"SDK image {sdk} differs from global.json's {ProductionLayout.GlobalJsonSdkMajor()}");
        }

        return problems;
    }

    /// <summary>The packages the README's deployment section names for the shop's runtime image.</summary>
    private static IReadOnlyCollection<string> RuntimePackages(string readme)
    {
        var sentence = RuntimeSentence().Match(readme);
        Assert.True(sentence.Success, "the README names no runtime packages (\"The shop's runtime needs Debian's …\")");
        return [.. Backticked().Matches(sentence.Value).Select(m => m.Groups[1].Value)];
    }

    /// <summary>
    /// What the shop itself refuses to start without in Production, read from its refusal: the compose file's providers
    /// (PostgreSQL, S3) and nothing else set, every missing key is named in the one-line-per-key report.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> RequiredInProductionAsync()
    {
        using var folder = new TempFolder();
        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
            ["Database__Provider"] = "Postgres", ["Storage__Provider"] = "S3",
        }, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 3, result.All);
        var keys = new HashSet<string>();
        foreach (var line in result.Error.Split('\n').Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)))
        {
            foreach (Match named in EnvironmentNames().Matches(line))
            {
                keys.UnionWith(named.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }

            if (FirstWordKey().Match(line) is { Success: true } first)
            {
                keys.Add(first.Groups["key"].Value);
            }
        }

        return keys;
    }

    private ProductionLayout Mutate(string text, string from, string to, string file = "docker-compose.yml")
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"{file} no longer contains {from}: update the mutation");
        var changed = text.Replace(from, to, StringComparison.Ordinal);
        return file == "Dockerfile" ? new ProductionLayout(layout.Compose, layout.EnvExample, changed) : new ProductionLayout(changed, layout.EnvExample, layout.Dockerfile);
    }

    [GeneratedRegex(@"\(env (?<keys>[A-Za-z0-9_]+(, *[A-Za-z0-9_]+)*)\)")]
    private static partial Regex EnvironmentNames();

    [GeneratedRegex(@"^\s*- (?<key>[A-Za-z0-9]+__[A-Za-z0-9_]+)\b")]
    private static partial Regex FirstWordKey();

    [GeneratedRegex(@"The shop's runtime needs Debian's[^.]*\.")]
    private static partial Regex RuntimeSentence();

    [GeneratedRegex("`([a-z0-9.+-]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"apt_packages=\((?<packages>[^)]*)\)")]
    private static partial Regex TestPackages();
}
