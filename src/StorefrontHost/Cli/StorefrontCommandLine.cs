using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Storefront.Host.Cli;

/// <summary>
/// The same binary serves and administers. Tokens no command claims (<c>--urls …</c>, <c>--environment …</c>,
/// <c>--Key=value</c>) are host configuration and reach the host unchanged; a command's own options
/// (<c>admin create --email … --password …</c>) are claimed by the parser first, so a password never lands in
/// the host's configuration. A mistyped command line exits with 2, before the shop is built.
/// </summary>
public static class StorefrontCommandLine
{
    private const int UsageError = 2;

    // An argument starting with @ is a file path or a value here, never a response file to expand.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static Task<int> InvokeAsync(string[] args, Func<string[], WebApplication> buildShop)
    {
        var root = StorefrontCommands.Create(buildShop);
        var parsed = root.Parse(args, Parsing);
        if (parsed.Action is not HelpAction && UsageProblem(args, parsed) is { } problem)
        {
            Console.Error.WriteLine(problem.Message);
            Console.Error.WriteLine();
            root.Parse([.. problem.Command, "--help"], Parsing).Invoke(new InvocationConfiguration { Output = Console.Error });
            return Task.FromResult(UsageError);
        }

        // Exceptions reach Program.cs, which names a configuration mistake plainly; the test host's own stop signal must pass through too.
        return parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Host configuration for the command: whatever the parser left unclaimed, in its original order.</summary>
    public static string[] HostArguments(ParseResult parsed, bool quiet) =>
        // Administrative commands print their own outcome; the host's logs would bury it.
        quiet ? [.. parsed.UnmatchedTokens, "--Logging:LogLevel:Default=Warning"] : [.. parsed.UnmatchedTokens];

    private static (string Message, string[] Command)? UsageProblem(string[] args, ParseResult parsed)
    {
        var path = CommandPath(parsed.CommandResult);
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var claimed = path.Length + parsed.CommandResult.Children.OfType<ArgumentResult>().Sum(a => a.Tokens.Count);
        if (words.Length > claimed || parsed.CommandResult.Command.Action is null)
        {
            // A group such as "recipe" alone shows its own subcommands; anything unrecognised shows them all.
            return words.Length > claimed ? ($"Unknown command '{string.Join(' ', words)}'.", []) : ($"Unknown command '{string.Join(' ', path)}'.", path);
        }

        return parsed.Errors.Count > 0 ? (parsed.Errors[0].Message, path) : null;
    }

    private static string[] CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (; result?.Parent is CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return [.. names];
    }
}
