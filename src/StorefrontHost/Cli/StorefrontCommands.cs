using System.CommandLine;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Host.Backup;
using Storefront.Media.Storage;

namespace Storefront.Host.Cli;

/// <summary>The commands, their help and what each one does once the shop is built.</summary>
internal static class StorefrontCommands
{
    public static RootCommand Create(Func<string[], WebApplication> buildShop)
    {
        var run = new ShopCommandRunner(buildShop);
        var root = new RootCommand(
            "Storefront: serves the shop (the default command) and administers it. Anything else starting with -- is "
            + "host configuration, e.g. --urls http://0.0.0.0:8080 or --Database:Provider=Postgres.");
        root.SetAction(run.ServeAsync);

        var serve = new Command("serve", "Run the shop; applies pending migrations first, then imports Setup__Recipe on an empty site.");
        serve.SetAction(run.ServeAsync);

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction((parsed, _) => run.AdministerAsync(parsed, (_, applied) => Task.FromResult(Migrated(applied))));

        var importFile = new Argument<string>("file") { Description = "The recipe file; paths inside it are relative to it." };
        var import = WithFile(new Command("import", "Import a recipe (settings, media, products, pages); a bad recipe is refused whole, exit code 1."),
            importFile, "recipe import needs the recipe file: recipe import <file>");
        import.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => ImportAsync(services, parsed.GetValue(importFile)!)));

        var exportFile = new Argument<string>("file") { Description = "The recipe file to write; its media go into media/ beside it." };
        var export = WithFile(new Command("export", "Write settings (never secrets), the media library, products and pages as a recipe that imports into an empty shop."),
            exportFile, "recipe export needs the file to write: recipe export <file>");
        export.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => ExportAsync(services, parsed.GetValue(exportFile)!)));

        var backupDir = new Argument<string>("dir") { Description = "A new folder for the backup." };
        var backup = WithFile(new Command("backup", "Write every table (JSON lines) and every stored file into a new folder."),
            backupDir, "backup needs a folder: backup <dir>");
        backup.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => BackupAsync(services, parsed.GetValue(backupDir)!)));

        var restoreDir = new Argument<string>("dir") { Description = "A folder written by backup." };
        var restore = WithFile(new Command("restore", "Restore a backup into a new, empty store, on either database and either storage provider."),
            restoreDir, "restore needs a folder: restore <dir>");
        restore.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => RestoreAsync(services, parsed.GetValue(restoreDir)!)));

        var help = new Command("help", "Show this help.") { Hidden = true };
        help.SetAction(_ => root.Parse(["--help"]).Invoke());

        root.Add(serve);
        root.Add(migrate);
        root.Add(new Command("recipe", "Import or export a recipe.") { import, export });
        root.Add(backup);
        root.Add(restore);
        root.Add(TraceCommand.Create(run, WithFile));
        root.Add(new Command("admin", "Manage administrators.") { AdminCreateCommand.Create(run) });
        root.Add(HealthcheckCommand.Create());
        root.Add(help);
        ClaimOnlyWhatIsDeclared(root);
        return root;
    }

    private static Command WithFile(Command command, Argument<string> file, string missing)
    {
        command.Add(file);
        // The parser's own wording names the argument; operators know the command's usage line better. A token starting
        // with - is host configuration that took the empty place, not a path.
        command.Validators.Add(result =>
        {
            if (result.GetResult(file) is not { Tokens: [var token] } || token.Value.StartsWith('-'))
            {
                result.AddError(missing);
            }
        });
        return command;
    }

    private static void ClaimOnlyWhatIsDeclared(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands)
        {
            ClaimOnlyWhatIsDeclared(sub);
        }
    }

    private static int Migrated(IReadOnlyCollection<string> applied)
    {
        Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string file)
    {
        var result = await services.GetRequiredService<RecipeImporter>().ImportFileAsync(file);
        Console.WriteLine(result.Changes == 0
            ? $"Recipe '{result.Name}' imported: nothing changed (already up to date)."
            : $"Recipe '{result.Name}' imported: {result.Changes} change(s).");
        return 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string file)
    {
        var export = await services.GetRequiredService<RecipeExporter>().ExportAsync(file);
        Console.WriteLine($"Recipe written to {export.RecipePath}: {export.ItemsOf("products")} product(s), {export.ItemsOf("pages")} page(s), "
            + $"{export.ItemsOf("media")} library image(s), {export.Files} file(s) in media/.");
        return 0;
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string folder)
    {
        var written = await new BackupWriter(
            services.GetRequiredService<StorefrontDbContext>(), services.GetRequiredService<IBlobStore>(), services.GetRequiredService<TimeProvider>())
            .WriteAsync(Path.GetFullPath(folder), CancellationToken.None);
        Console.WriteLine($"Backed up {written.Tables.Values.Sum()} row(s) in {written.Tables.Count} table(s) and {written.Blobs.Count} file(s) to {folder}.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string folder)
    {
        var restored = await new BackupRestorer(services.GetRequiredService<StorefrontDbContext>(), services.GetRequiredService<IBlobStore>(),
                services.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value.KeyEncryptionKey)
            .RestoreAsync(Path.GetFullPath(folder), CancellationToken.None);
        Console.WriteLine($"Restored {restored.RowsWritten} row(s) and {restored.Manifest.Blobs.Count} file(s) from {folder}."
            + (restored.RowsKept > 0 ? $" {restored.RowsKept} row(s) of the backup were in the store already and were kept as they were." : ""));
        return 0;
    }
}
