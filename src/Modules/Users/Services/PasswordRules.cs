using Microsoft.AspNetCore.Identity;

namespace Storefront.Users.Services;

/// <summary>
/// Length over composition (NIST SP 800-63B): a long passphrase beats "P@ssw0rd!", so we ask for
/// twelve characters and a little variety, and say so in words wherever a password is chosen.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    public const int MinimumDistinctCharacters = 5;

    public static string Description =>
        $"At least {MinimumLength} characters, with at least {MinimumDistinctCharacters} different characters. A phrase of a few words works well.";

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequiredUniqueChars = MinimumDistinctCharacters;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
    }
}
