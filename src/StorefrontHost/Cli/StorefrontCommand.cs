using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Host.Backup;
using Storefront.Media.Storage;

namespace Storefront.Host.Cli;

/// <summary>
/// The same binary serves and administers: <c>serve</c> (default), <c>migrate</c>,
/// <c>recipe import &lt;file&gt;</c>, <c>recipe export &lt;file&gt;</c>, <c>admin create</c>. Anything after the command that starts with <c>--</c> is
/// configuration, except the options a command reads itself (<c>admin create --email … --password …</c>),
/// which are taken out first so a password never lands in the host's configuration.
/// </summary>
public sealed class StorefrontCommand
{
    private const string Usage = """
        Usage: StorefrontHost [command] [--Key=value ...]
          serve                  run the shop (default)
          migrate                apply pending database migrations and exit
          recipe import <file>   import a recipe (products, settings, media) and exit
          recipe export <file>   write the catalogue and settings (no secrets) as a recipe, media beside it
          backup <dir>           write every table and every stored file into a new folder
          restore <dir>          restore a backup into a new, empty store (any database provider)
          admin create [--email=<address>] [--password=<password>]
                                 create an administrator (asks for what is missing when run in a terminal);
                                 exit code 0 created, 1 invalid, 2 a user with that email already exists
        """;

    private StorefrontCommand(string name, string? argument, string[] hostArguments, string? error, IReadOnlyDictionary<string, string>? options = null)
    {
        Name = name;
        Argument = argument;
        HostArguments = hostArguments;
        Error = error;
        Options = options ?? new Dictionary<string, string>();
    }

    /// <summary>The command's own options (e.g. <c>email</c>, <c>password</c>), never passed to the host.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    public string Name { get; }

    public string? Argument { get; }

    public string[] HostArguments { get; }

    public string? Error { get; }

    public static StorefrontCommand Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var rest = args.Skip(words.Count).ToArray();
        // Administrative commands print their own outcome; the host's logs would bury it.
        string[] quiet = [.. rest, "--Logging:LogLevel:Default=Warning"];
        return words switch
        {
            [] or ["serve"] => new("serve", null, rest, null),
            ["migrate"] => new("migrate", null, quiet, null),
            ["recipe", "import", var file] => new("recipe import", file, quiet, null),
            ["recipe", "import"] => new("recipe import", null, rest, "recipe import needs the recipe file: recipe import <file>"),
            ["recipe", "export", var file] => new("recipe export", file, quiet, null),
            ["recipe", "export"] => new("recipe export", null, rest, "recipe export needs the file to write: recipe export <file>"),
            ["backup", var folder] => new("backup", folder, quiet, null),
            ["restore", var folder] => new("restore", folder, quiet, null),
            ["backup"] or ["restore"] => new(words[0], null, rest, $"{words[0]} needs a folder: {words[0]} <dir>"),
            ["admin", "create"] => AdminCreate(rest),
            ["help"] => new("help", null, rest, Usage),
            _ => new(string.Join(' ', words), null, rest, $"Unknown command '{string.Join(' ', words)}'."),
        };
    }

    private static StorefrontCommand AdminCreate(string[] rest)
    {
        var (options, remaining) = CommandOptions.Extract(rest, AdminCreateCommand.OptionNames);
        return new("admin create", null, [.. remaining, "--Logging:LogLevel:Default=Warning"], null, options);
    }

    public static int Fail(string message)
    {
        var isUsage = message == Usage;
        (isUsage ? Console.Out : Console.Error).WriteLine(isUsage ? message : message + Environment.NewLine + Environment.NewLine + Usage);
        return isUsage ? 0 : 2;
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        // Validate options before the host starts, so a bad setting is reported once, plainly, not as a hosting crash log.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        if (Name == "serve")
        {
            await app.RunAsync();
            return 0;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            var applied = await services.GetRequiredService<DataMigrator>().MigrateAsync();
            if (Name == "admin create")
            {
                return await AdminCreateCommand.RunAsync(services, Options);
            }

            if (Name == "migrate")
            {
                Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return 0;
            }

            switch (Name)
            {
                case "recipe export":
                    var export = await services.GetRequiredService<RecipeExporter>().ExportAsync(Argument!);
                    Console.WriteLine($"Recipe written to {export.RecipePath}: {export.ItemsOf("products")} product(s), {export.ItemsOf("pages")} page(s), "
                        + $"{export.ItemsOf("media")} library image(s), {export.Files} file(s) in media/.");
                    return 0;
                case "backup":
                    var written = await new BackupWriter(services.GetRequiredService<StorefrontDbContext>(), services.GetRequiredService<IBlobStore>())
                        .WriteAsync(Path.GetFullPath(Argument!), CancellationToken.None);
                    Console.WriteLine($"Backed up {written.Tables.Values.Sum()} row(s) in {written.Tables.Count} table(s) and {written.Blobs.Count} file(s) to {Argument}.");
                    return 0;
                case "restore":
                    var restored = await new BackupRestorer(services.GetRequiredService<StorefrontDbContext>(), services.GetRequiredService<IBlobStore>())
                        .RestoreAsync(Path.GetFullPath(Argument!), CancellationToken.None);
                    Console.WriteLine($"Restored {restored.Tables.Values.Sum()} row(s) and {restored.Blobs.Count} file(s) from {Argument}.");
                    return 0;
            }

            var result = await services.GetRequiredService<RecipeImporter>().ImportFileAsync(Argument!);
            Console.WriteLine(result.Changes == 0
                ? $"Recipe '{result.Name}' imported: nothing changed (already up to date)."
                : $"Recipe '{result.Name}' imported: {result.Changes} change(s).");
            return 0;
        }
        catch (ExportException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("The export was not completed.");
            return 1;
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (RecipeException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("Nothing was imported.");
            return 1;
        }
    }
}
