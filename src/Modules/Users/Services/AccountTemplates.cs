using Storefront.Core.Templates;
using Storefront.Email.Templates;

namespace Storefront.Users.Services;

/// <summary>What the password-reset and invitation emails' templates read.</summary>
/// <param name="Hours">How long the link works.</param>
/// <param name="PasswordRules">The rules the chosen password must meet, in a sentence.</param>
public sealed record AccountLinkMail(string SiteName, string To, Uri Link, int Hours, string PasswordRules);

/// <summary>The admin account emails as templates editors can change, each with made-up data to preview against.</summary>
internal static class AccountTemplates
{
    public const string Reset = "email.account.reset";

    public const string Invitation = "email.account.invitation";

    private static readonly AccountLinkMail Sample = new("Field Guides", "sam@example.com",
        new Uri("https://shop.example.com/admin/account/reset-password?email=sam%40example.com&code=sample"), 24, "At least 12 characters.");

    public static IEnumerable<TemplateDefinition> All =>
    [
        .. EmailTemplates.Define(Reset, "Admin password reset", "the link an admin user asks for to choose a new password", "mail", [typeof(AccountLinkMail)],
            Sample, ("Reset your {{ mail.site_name }} admin password", "")),
        .. EmailTemplates.Define(Invitation, "Admin invitation", "the link a new admin user gets to choose their first password", "mail", [typeof(AccountLinkMail)],
            Sample, ("You are invited to the {{ mail.site_name }} admin", "")),
    ];
}
