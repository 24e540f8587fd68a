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

    public static readonly string[] OptionNames = ["email", "password"];

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var email = options.GetValueOrDefault("email");
        var password = options.GetValueOrDefault("password");
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
