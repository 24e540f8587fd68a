namespace Storefront.Host.Cli;

/// <summary>Takes a command's own <c>--name=value</c> or <c>--name value</c> options out of the arguments.</summary>
internal static class CommandOptions
{
    /// <summary>An option given without a value is dropped, so the command reports it as missing in its own words.</summary>
    public static (Dictionary<string, string> Options, List<string> Remaining) Extract(string[] args, IReadOnlyCollection<string> names)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var remaining = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : null;
            if (name is null || !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                remaining.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options[name] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
        }

        return (options, remaining);
    }
}
