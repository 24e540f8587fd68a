using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Host.Backup;

namespace Storefront.Host.Cli;

/// <summary>Builds the shop with the host's share of the command line, then serves it or runs one administrative task on it.</summary>
internal sealed class ShopCommandRunner(Func<string[], WebApplication> buildShop)
{
    public async Task<int> ServeAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var app = buildShop(StorefrontCommandLine.HostArguments(parsed, quiet: false));
        ValidateOptions(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Every administrative command works on an up-to-date schema; a refusal it explains itself exits with 1.</summary>
    public async Task<int> AdministerAsync(ParseResult parsed, Func<IServiceProvider, IReadOnlyCollection<string>, Task<int>> task)
    {
        await using var app = buildShop(StorefrontCommandLine.HostArguments(parsed, quiet: true));
        ValidateOptions(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            var applied = await services.GetRequiredService<DataMigrator>().MigrateAsync();
            return await task(services, applied);
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A path the operator gave that cannot be used: a file where a folder should be, no permission, a full disk.
            Console.Error.WriteLine($"{CommandName(parsed)} stopped: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The command as typed, without its arguments: "recipe export", "backup".</summary>
    private static string CommandName(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    // Validate options before the host starts, so a bad setting is reported once, plainly, not as a hosting crash log.
    private static void ValidateOptions(WebApplication app) => app.Services.GetService<IStartupValidator>()?.Validate();
}
