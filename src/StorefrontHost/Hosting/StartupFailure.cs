using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Storefront.Core.Modules;

namespace Storefront.Host.Hosting;

/// <summary>
/// A configuration mistake is the operator's to fix: say which key and why, in one line, with no
/// stack trace, and exit non-zero so an orchestrator does not treat the start as healthy.
/// </summary>
internal static partial class StartupFailure
{
    public static bool IsConfigurationError(Exception ex) => Flatten(ex).All(e => e is ModuleConfigurationException or OptionsValidationException
        || (e is InvalidOperationException invalid && invalid.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)));

    public static int Report(Exception ex)
    {
        Console.Error.WriteLine("Storefront cannot start: its configuration is not valid.");
        // Two validators may refuse one key (a module's "required" and the Production secrets check): name it once.
        var messages = Flatten(ex).SelectMany(e => e is OptionsValidationException validation ? validation.Failures : [e.Message])
            .DistinctBy(KeyNamedBy);
        foreach (var message in messages)
        {
            Console.Error.WriteLine("  - " + message);
        }

        return 3;
    }

    /// <summary>
    /// Why the start failed, in one line, when it is the operator's to fix like a bad setting: the shop's address is in use
    /// or malformed, or the database refuses the shop. Null for anything else, which keeps its stack trace.
    /// </summary>
    public static string? Explain(Exception ex) =>
        AddressInUse(ex) is { } address
            ? $"{address} is already in use. Stop what listens there, or give the shop another address with ASPNETCORE_URLS or --urls."
        : MalformedAddress(ex) is { } message
            ? $"ASPNETCORE_URLS (or --urls) is not valid: {message.TrimEnd('.')}. Give addresses such as http://127.0.0.1:5000, separated by ';'."
        : DatabaseUnreachable(ex) is { } reason
            ? $"the database refused it ({reason.TrimEnd('.')}). Check ConnectionStrings__Storefront and Database__Provider, and that the "
                + "database is running and reachable from here."
        : null;

    public static int ReportUnstartable(string reason)
    {
        Console.Error.WriteLine("Storefront cannot start: " + reason);
        return 3;
    }

    private static string? AddressInUse(Exception ex) => Flatten(ex)
        .Where(e => e is IOException { InnerException: AddressInUseException })
        .Select(e => BoundAddress().Match(e.Message)).Select(m => m.Success ? m.Groups[1].Value : "the shop's address").FirstOrDefault();

    // Kestrel could not read the listen address ("Invalid url: 'x'").
    private static string? MalformedAddress(Exception ex) => Chain(ex)
        .FirstOrDefault(e => e is FormatException && e.TargetSite?.DeclaringType?.FullName == "Microsoft.AspNetCore.Http.BindingAddress")?.Message;

    // Nothing listens at the address, the name does not resolve, the credentials or database name are wrong, or the SQLite
    // file cannot be opened. An SQL error is a fault of the shop's, not the operator's.
    private static string? DatabaseUnreachable(Exception ex) => Chain(ex).Select(e => e switch
    {
        Npgsql.PostgresException postgres when postgres.SqlState.StartsWith("28", StringComparison.Ordinal) || postgres.SqlState == "3D000"
            => postgres.MessageText,
        Npgsql.PostgresException => null,
        Npgsql.NpgsqlException npgsql => npgsql.InnerException is { } cause && !npgsql.Message.Contains(cause.Message, StringComparison.Ordinal)
            ? $"{npgsql.Message.TrimEnd('.')}: {cause.Message}" : npgsql.Message,
        // SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY, SQLITE_PERM: the file, its folder or its permissions.
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 or 26 or 8 or 3 } sqlite => sqlite.Message,
        _ => null,
    }).FirstOrDefault(message => message is not null);

    // Kestrel's wording: "Failed to bind to address http://127.0.0.1:5000: address already in use."
    [System.Text.RegularExpressions.GeneratedRegex(@"address (\S+?): address already in use")]
    private static partial System.Text.RegularExpressions.Regex BoundAddress();

    /// <summary>The environment variable a message is about ("… (env Stripe__SecretKey) …" or "Email__From is …"), else the message.</summary>
    private static string KeyNamedBy(string message)
    {
        var env = EnvironmentKey().Match(message);
        return env.Success ? env.Groups[1].Value : message.Split(' ')[0] is var first && first.Contains("__", StringComparison.Ordinal) ? first : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(env ([A-Za-z0-9_]+)[,)]")]
    private static partial System.Text.RegularExpressions.Regex EnvironmentKey();

    // Start-up validation reports every failing options class at once, wrapped in an AggregateException.
    private static IEnumerable<Exception> Flatten(Exception ex) =>
        ex is AggregateException aggregate ? aggregate.InnerExceptions.SelectMany(Flatten) : [ex];

    // Every exception the start's failure was built from: EF wraps a refused connection in its retry strategy's own.
    private static IEnumerable<Exception> Chain(Exception ex) =>
        Flatten(ex).SelectMany(e => e.InnerException is { } inner ? [e, .. Chain(inner)] : new[] { e });
}
