using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Storefront.Tests.Hosting;

/// <summary>
/// What <c>docker-compose.yml</c>, <c>.env.example</c> and the <c>Dockerfile</c> promise, checked on their text (no container
/// engine runs here). Each check returns the problems it found, so the tests can show it finds them in a broken copy too.
/// </summary>
internal sealed partial class ProductionLayout(string compose, string envExample, string dockerfile)
{
    private readonly Dictionary<object, object> root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(compose);

    public static ProductionLayout FromRepository() => new(
        File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml")),
        File.ReadAllText(Path.Combine(RepoPaths.Root, ".env.example")),
        File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile")));

    public string Compose => compose;

    public string EnvExample => envExample;

    public string Dockerfile => dockerfile;

    private Dictionary<object, object> Services => Map(root, "services") ?? [];

    /// <summary>Every service has a health check, and every dependency waits for one that is healthy.</summary>
    public IReadOnlyList<string> HealthProblems()
    {
        var problems = new List<string>();
        var healthy = Services.Where(s => HasHealthCheck((Dictionary<object, object>)s.Value)).Select(s => (string)s.Key).ToHashSet();
        foreach (var (name, value) in Services)
        {
            var service = (Dictionary<object, object>)value;
            var dependencies = service.TryGetValue("depends_on", out var d) ? d : null;
            if (dependencies is List<object> list)
            {
                problems.AddRange(list.Select(dependency => $"{name}: depends_on {dependency} without condition: service_healthy"));
                continue;
            }

            foreach (var (dependency, condition) in dependencies as Dictionary<object, object> ?? [])
            {
                if (Scalar(condition as Dictionary<object, object>, "condition") != "service_healthy")
                {
                    problems.Add($"{name}: depends_on {dependency} without condition: service_healthy");
                }
                else if (!healthy.Contains((string)dependency))
                {
                    problems.Add($"{name}: depends on {dependency} being healthy, but {dependency} has no healthcheck");
                }
            }

            if (!healthy.Contains((string)name) && dependencies is null)
            {
                problems.Add($"{name}: no healthcheck and no healthy dependency");
            }
        }

        return problems;
    }

    /// <summary>Every key in <paramref name="required"/> (environment form) is in <c>.env.example</c> or set for the app in the compose file.</summary>
    public IReadOnlyList<string> MissingKeys(IEnumerable<string> required)
    {
        var app = Map(Services, "app") ?? [];
        var set = (Map(app, "environment") ?? []).Keys.Cast<string>().ToHashSet();
        var example = ExampleKeys();
        var problems = required.Where(key => !example.Contains(key) && !set.Contains(key))
            .Select(key => $"{key} is required in Production but neither in .env.example nor in the app's environment").ToList();
        // ${NAME} with no default must come from .env too, or compose refuses to start.
        foreach (Match variable in Interpolation().Matches(compose))
        {
            if (variable.Groups["default"].Value is not { Length: > 0 } operation || operation.StartsWith(":?", StringComparison.Ordinal))
            {
                var name = variable.Groups["name"].Value;
                if (!example.Contains(name))
                {
                    problems.Add($"${{{name}}} is used in docker-compose.yml without a default but not in .env.example");
                }
            }
        }

        return problems.Distinct().ToList();
    }

    /// <summary>The admin router's PathRegexp, as Traefik evaluates it (Go's syntax here is also .NET's).</summary>
    public Regex AdminPathRule()
    {
        var labels = (Map(Services, "app")?["labels"] as List<object> ?? []).Cast<string>();
        var rule = labels.Single(l => l.StartsWith("traefik.http.routers.admin.rule=", StringComparison.Ordinal));
        var pattern = PathRegexp().Match(rule);
        Assert.True(pattern.Success, $"no PathRegexp in {rule}");
        var expression = pattern.Groups["pattern"].Value;
        // Go spells case-insensitivity as a leading flag group, which .NET reads the same way.
        return new Regex(expression);
    }

    /// <summary>Every path a service keeps state in is a named volume of the compose file.</summary>
    public IReadOnlyList<string> VolumeProblems()
    {
        var named = (Map(root, "volumes") ?? []).Keys.Cast<string>().ToHashSet();
        var problems = new List<string>();
        foreach (var (name, value) in Services)
        {
            var service = (Dictionary<object, object>)value;
            var mounts = (service.TryGetValue("volumes", out var v) ? v as List<object> ?? [] : []).Cast<string>()
                .Select(m => m.Split(':')).Where(p => p.Length >= 2).Select(p => (Source: p[0], Target: p[1], ReadOnly: p.Length > 2 && p[2] == "ro")).ToList();
            foreach (var path in StatePaths(service))
            {
                var mount = mounts.FirstOrDefault(m => path == m.Target || path.StartsWith(m.Target.TrimEnd('/') + "/", StringComparison.Ordinal));
                if (mount.Target is null || !named.Contains(mount.Source))
                {
                    problems.Add($"{name}: keeps state in {path}, which is not on a named volume");
                }
            }

            problems.AddRange(mounts.Where(m => !named.Contains(m.Source) && !m.ReadOnly)
                .Select(m => $"{name}: {m.Source} is mounted writable but is not a named volume"));
        }

        return problems;
    }

    /// <summary>Where each kind of service writes, read from its own settings in the file.</summary>
    private static IEnumerable<string> StatePaths(Dictionary<object, object> service)
    {
        var image = Scalar(service, "image") ?? "";
        var command = service.TryGetValue("command", out var c) ? c is List<object> list ? list.Cast<string>().ToList() : ((string)c).Split(' ').ToList() : [];
        var environment = Map(service, "environment") ?? [];
        if (image.StartsWith("postgres", StringComparison.Ordinal))
        {
            yield return Scalar(environment, "PGDATA") ?? "/var/lib/postgresql/data";
        }

        if (image.StartsWith("minio/", StringComparison.Ordinal) && command.IndexOf("server") is var server and >= 0 && server + 1 < command.Count)
        {
            yield return command[server + 1];
        }

        foreach (var argument in command.Where(a => a.Contains(".acme.storage=", StringComparison.Ordinal)))
        {
            yield return Path.GetDirectoryName(argument[(argument.IndexOf('=') + 1)..])!;
        }

        if (Scalar(environment, "Backup__Directory") is { } backups)
        {
            yield return backups;
        }
    }

    /// <summary>The SDK image's major version, the runtime stage's apt packages.</summary>
    public (int SdkMajor, IReadOnlySet<string> RuntimePackages) DockerBuild()
    {
        var sdk = SdkImage().Match(dockerfile);
        Assert.True(sdk.Success, "the Dockerfile has no mcr.microsoft.com/dotnet/sdk stage");
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var install = AptInstall().Match(runtime.Replace("\\\n", " "));
        var packages = install.Success
            ? install.Groups["packages"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith('-')).TakeWhile(p => p != "&&").ToHashSet()
            : [];
        return (int.Parse(sdk.Groups["major"].Value), packages);
    }

    public static int GlobalJsonSdkMajor() =>
        int.Parse(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "global.json"))).RootElement
            .GetProperty("sdk").GetProperty("version").GetString()!.Split('.')[0]);

    private HashSet<string> ExampleKeys() =>
        envExample.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => l[..l.IndexOf('=')]).ToHashSet();

    private static bool HasHealthCheck(Dictionary<object, object> service) =>
        service.TryGetValue("healthcheck", out var h) && h is Dictionary<object, object> check && check.TryGetValue("test", out var test)
        && (test is List<object> { Count: > 0 } words ? (string)words[0] != "NONE" : test is string { Length: > 0 })
        && check.GetValueOrDefault("disable") is not "true";

    private static Dictionary<object, object>? Map(Dictionary<object, object>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value as Dictionary<object, object> : null;

    private static string? Scalar(Dictionary<object, object>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value as string : null;

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<default>[:?\-][^}]*)?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"PathRegexp\(`(?<pattern>[^`]+)`\)")]
    private static partial Regex PathRegexp();

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/sdk:(?<major>\d+)\.", RegexOptions.Multiline)]
    private static partial Regex SdkImage();

    [GeneratedRegex(@"apt-get install (?<packages>[^&\n]+)")]
    private static partial Regex AptInstall();
}
