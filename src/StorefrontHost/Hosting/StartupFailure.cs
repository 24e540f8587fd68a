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
    /// The address another program already listens on, when that stopped the start: as much the operator's to fix as a
    /// bad setting, and otherwise an unhandled exception that aborts the process with a stack trace.
    /// </summary>
    public static string? AddressInUse(Exception ex) => Flatten(ex)
        .Where(e => e is IOException { InnerException: AddressInUseException })
        .Select(e => BoundAddress().Match(e.Message)).Select(m => m.Success ? m.Groups[1].Value : "the shop's address").FirstOrDefault();

    public static int ReportAddressInUse(string address)
    {
        Console.Error.WriteLine($"Storefront cannot start: {address} is already in use. Stop what listens there, or give the shop "
            + "another address with ASPNETCORE_URLS or --urls.");
        return 3;
    }

    /// <summary>
    /// The listen address Kestrel could not read ("Invalid url: 'x'"): a malformed setting like any other, named as such.
    /// </summary>
    public static string? MalformedAddress(Exception ex) => Chain(ex)
        .FirstOrDefault(e => e is FormatException && e.TargetSite?.DeclaringType?.FullName == "Microsoft.AspNetCore.Http.BindingAddress")?.Message;

    public static int ReportMalformedAddress(string message)
    {
        Console.Error.WriteLine($"Storefront cannot start: ASPNETCORE_URLS (or --urls) is not valid: {message.TrimEnd('.')}. "
            + "Give addresses such as http://127.0.0.1:5000, separated by ';'.");
        return 3;
    }

    /// <summary>
    /// Why the database refused the shop before anything was served: nothing listens at the address, the name does not
    /// resolve, the credentials or database name are wrong, or the SQLite file cannot be opened. Null for anything else,
    /// such as an SQL error, which is a fault of the shop's and keeps its stack trace.
    /// </summary>
    public static string? DatabaseUnreachable(Exception ex) => Chain(ex).Select(e => e switch
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

    public static int ReportDatabaseUnreachable(string reason)
    {
        Console.Error.WriteLine($"Storefront cannot start: the database refused it ({reason.TrimEnd('.')}). Check ConnectionStrings__Storefront "
            + "and Database__Provider, and that the database is running and reachable from here.");
        return 3;
    }

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
