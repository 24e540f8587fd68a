using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("")]
    [InlineData("serve")]
    [InlineData("migrate")]
    [InlineData("recipe")]
    [InlineData("recipe import")]
    [InlineData("recipe export")]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("admin")]
    [InlineData("admin create")]
    [InlineData("trace")]
    public async Task EveryCommandExplainsItselfWithHelpWithoutTouchingTheShop(string command)
    {
        using var folder = new TempFolder();
        var result = await RunAsync(folder, [.. Words(command), "--help"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Usage:\n  StorefrontHost {command}".TrimEnd(), result.Output.ReplaceLineEndings("\n"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task HelpListsEveryCommandAndAdminCreateItsOptions()
    {
        using var folder = new TempFolder();
        var help = await RunAsync(folder, ["help"]);
        var adminCreate = await RunAsync(folder, ["admin", "create", "-h"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "serve", "migrate", "recipe", "backup <dir>", "restore <dir>", "trace <file>", "admin" })
        {
            Assert.Contains("  " + command + " ", help.Output);
        }

        Assert.Equal(0, adminCreate.ExitCode);
        Assert.Contains("--email <email>", adminCreate.Output);
        Assert.Contains("--password <password>", adminCreate.Output);
        Assert.Contains("exit code 0 created, 1 invalid, 2 a user with that email already exists", adminCreate.Output);
    }

    [Theory]
    [InlineData("frobnicate", "Unknown command 'frobnicate'.")]
    [InlineData("recipe", "Unknown command 'recipe'.")]
    [InlineData("admin", "Unknown command 'admin'.")]
    [InlineData("migrate now", "Unknown command 'migrate now'.")]
    [InlineData("recipe import a.json b.json", "Unknown command 'recipe import a.json b.json'.")]
    [InlineData("recipe import", "recipe import needs the recipe file: recipe import <file>")]
    [InlineData("recipe export --Site:BaseUrl=https://shop.example", "recipe export needs the file to write: recipe export <file>")]
    [InlineData("backup", "backup needs a folder: backup <dir>")]
    [InlineData("restore", "restore needs a folder: restore <dir>")]
    [InlineData("trace", "trace needs the PDF: trace <file>")]
    public async Task AMistypedCommandExitsWithTwoNamingTheProblemBeforeTheShopIsBuilt(string command, string message)
    {
        using var folder = new TempFolder();
        var result = await RunAsync(folder, Words(command));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Error.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Contains("Usage:", result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task ConfigurationOnTheCommandLineReachesTheHostInBothForms()
    {
        await using var app = await StorefrontApp.StartAsync();
        var other = app.Folder.File("other.db");

        var migrated = await app.RunCliAsync("migrate", $"--ConnectionStrings:Storefront=Data Source={other}");
        var refused = await app.RunCliAsync("migrate", "--Database:Provider", "Oracle");

        Assert.True(migrated.ExitCode == 0, migrated.All);
        Assert.Contains("Applied", migrated.Output);
        Assert.True(File.Exists(other));
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("Database:Provider", refused.Error);
    }

    [Fact]
    public async Task AdminCreateTakesItsOwnOptionsAndLeavesTheRestToTheHost()
    {
        await using var app = await StorefrontApp.StartAsync();
        var other = app.Folder.File("other.db");

        var created = await app.RunCliAsync("admin", "create", "--email", "owner@example.com",
            $"--ConnectionStrings:Storefront=Data Source={other}", "--password=" + AdminSession.Password);
        var inTheShop = await app.RunCliAsync("admin", "create", "--email=owner@example.com", "--password", AdminSession.Password);

        Assert.True(created.ExitCode == 0, created.All);
        Assert.True(File.Exists(other));
        Assert.True(inTheShop.ExitCode == 0, inTheShop.All);
        Assert.DoesNotContain(AdminSession.Password, created.All + inTheShop.All);
    }

    [Theory]
    [InlineData("backup {file}", "backup stopped: ")]
    [InlineData("backup {file}/shop", "backup stopped: ")]
    [InlineData("recipe export {file}/recipe.json", "recipe export stopped: ")]
    public async Task AnOutputPathThatCannotBeWrittenGetsOneLineNamingTheCommand(string command, string message)
    {
        using var folder = new TempFolder();
        var file = folder.File("a-file");
        await File.WriteAllTextAsync(file, "a file where a folder should be");

        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, .. Words(command.Replace("{file}", file))], folder.Path,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}",
                ["Storage__Root"] = folder.File("storage"),
                ["Stripe__SecretKey"] = TestStripe.SecretKey,
                ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
                ["Email__From"] = "shop@example.com",
            }, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains(message, result.Error);
        Assert.Contains(file, result.Error);
        Assert.DoesNotContain("Unhandled exception", result.All);
        Assert.Equal("a file where a folder should be", await File.ReadAllTextAsync(file));
    }

    private static string[] Words(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // A working directory of its own: a command that built the shop would leave its database or storage there.
    private static Task<ProcessResult> RunAsync(TempFolder folder, string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, .. arguments], folder.Path, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        }, TimeSpan.FromSeconds(60));
}
