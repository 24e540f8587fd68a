using System.CommandLine;
using System.Text;
using Storefront.Core.Security;
using Storefront.Users.Services;

namespace Storefront.Host.Cli;

/// <summary>
/// <c>admin create</c>: the operator's way to the first administrator (or back in after losing one).
/// Asks for what is missing when a person is at the terminal; never invents a password.
/// </summary>
internal static class AdminCreateCommand
{
    public const int Created = 0;
    public const int Invalid = 1;
    public const int AlreadyExists = 2;

    public static Command Create(ShopCommandRunner run)
    {
        // A flag given without its value counts as missing, so the command asks for it or explains it in its own words.
        var email = new Option<string>("--email") { Description = "The administrator's email address.", Arity = ArgumentArity.ZeroOrOne };
        var password = new Option<string>("--password") { Description = "Their password (asked without echo when omitted in a terminal). " + PasswordRules.Description, Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("create", "Create an administrator; exit code 0 created, 1 invalid, 2 a user with that email already exists.") { email, password };
        command.SetAction((parsed, _) => run.AdministerAsync(parsed, (services, _) => RunAsync(services, parsed.GetValue(email), parsed.GetValue(password))));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? email, string? password)
    {
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        if (email is null && interactive)
        {
            Console.Write("Email: ");
            email = Console.ReadLine();
        }

        if (password is null && interactive)
        {
            Console.WriteLine(PasswordRules.Description);
            password = ReadHidden("Password: ");
            if (ReadHidden("Password again: ") != password)
            {
                Console.Error.WriteLine("The two passwords are not the same. No user was created.");
                return Invalid;
            }
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("admin create needs --email=<address> and --password=<password> (or run it in a terminal to be asked).");
            Console.Error.WriteLine("Password rules: " + PasswordRules.Description);
            return Invalid;
        }

        var result = await services.GetRequiredService<UserAccounts>().CreateAsync(email, password, AdminRoles.Administrator);
        switch (result.Outcome)
        {
            case AccountOutcome.Created:
                Console.WriteLine($"Administrator {result.User!.Email} created. Sign in at /admin/account/sign-in.");
                return Created;
            case AccountOutcome.AlreadyExists:
                Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors) + " Nothing was changed.");
                return AlreadyExists;
            default:
                Console.Error.WriteLine("No user was created:");
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine("  - " + error);
                }

                Console.Error.WriteLine("Password rules: " + PasswordRules.Description);
                return Invalid;
        }
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
