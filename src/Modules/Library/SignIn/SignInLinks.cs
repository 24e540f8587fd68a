using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Library.Data;

namespace Storefront.Library.SignIn;

public enum LinkCheck
{
    Valid,
    Invalid,
    Used,
    Expired,
}

/// <summary>What the outbox keeps of a requested sign-in link: the token travels encrypted with the key ring.</summary>
public sealed record SignInLinkRequest(string Email, string Origin, string ProtectedToken);

/// <summary>
/// One-time sign-in links. A request stores the link (its token's hash, the email, the expiry) and queues the email in
/// one unit of work, without looking the email up: every request costs the same whether or not the email bought
/// anything, and the outbox finds out later whether there is anyone to mail (see <see cref="SignInLinkHandler"/>).
/// </summary>
public sealed class SignInLinks(
    StorefrontDbContext db, Outbox outbox, RequestLimits limits, IDataProtectionProvider protection, TimeProvider time,
    IOptionsMonitor<LibraryOptions> options)
{
    public const string MessageType = "library.sign-in-link";

    private readonly IDataProtector protector = protection.CreateProtector("Storefront.Library.SignInLink.v1");

    /// <summary>Queues a link for <paramref name="email"/>; returns the seconds to wait when a limit refuses it, else 0.</summary>
    public async Task<int> RequestAsync(string email, string origin, string client, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var wait = await limits.CountAsync(
        [
            new RequestLimit("sign-in-address", client, settings.SignInLinksPerAddress),
            new RequestLimit("sign-in-email", RequestLimits.EmailKey(email), settings.SignInLinksPerEmail),
        ], cancellationToken);
        if (wait > 0)
        {
            return wait;
        }

        var now = time.GetUtcNow().UtcDateTime;
        // Used and expired links are kept a day, so a late click is told "used" or "expired" rather than "not valid".
        await db.Set<SignInLink>().Where(l => l.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var link = new SignInLink { TokenHash = Hash(token), Email = BuyerEmail.Normalize(email), CreatedAt = now, ExpiresAt = now + LibraryOptions.LinkLifetime };
        db.Add(link);
        outbox.Enqueue(MessageType, link.Id.ToString("N"), new SignInLinkRequest(email.Trim(), origin, protector.Protect(token)));
        await db.SaveChangesAsync(cancellationToken);
        return 0;
    }

    public string Unprotect(string protectedToken) => protector.Unprotect(protectedToken);

    /// <summary>What redeeming the token would do now, without using it: the confirmation page shows it.</summary>
    public async Task<LinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return LinkCheck.Invalid;
        }

        var hash = Hash(token!);
        var link = await db.Set<SignInLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return Explain(link, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Uses the link: one conditional update, so of two concurrent redemptions exactly one wins. Returns the email it
    /// signs in, or why it does not.
    /// </summary>
    public async Task<(LinkCheck Check, string? Email)> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return (LinkCheck.Invalid, null);
        }

        var hash = Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        var used = await db.Set<SignInLink>().Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        var link = await db.Set<SignInLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (used == 1 && link is not null)
        {
            return (LinkCheck.Valid, link.Email);
        }

        // Valid now but not ours: a concurrent redemption used it between the two statements.
        var why = Explain(link, now);
        return (why == LinkCheck.Valid ? LinkCheck.Used : why, null);
    }

    private static LinkCheck Explain(SignInLink? link, DateTime now) => link switch
    {
        null => LinkCheck.Invalid,
        { UsedAt: not null } => LinkCheck.Used,
        _ when link.ExpiresAt <= now => LinkCheck.Expired,
        _ => LinkCheck.Valid,
    };

    // 32 random bytes are 43 base64url characters; anything else is not ours and costs no query.
    private static bool LooksLikeToken(string? token) => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
