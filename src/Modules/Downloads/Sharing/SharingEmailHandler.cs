using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Core.Settings;
using Storefront.Downloads.Entitlements;
using Storefront.Email;

namespace Storefront.Downloads.Sharing;

public sealed record SharingEmailMessage(Guid EntitlementId, int Round);

/// <summary>
/// Tells the support address that a purchase was flagged, with the evidence as it was when flagged. The Message-ID is
/// the flag's and its round's, so a retried send is recognisably the same mail.
/// </summary>
public sealed class SharingEmailHandler(
    StorefrontDbContext db, SiteSettingsStore settings, IEmailSender email, IOptions<SiteOptions> site, IServer server,
    IOptionsMonitor<SharingOptions> options, ILogger<SharingEmailHandler> logger) : IOutboxHandler
{
    public const string MessageType = "downloads.sharing-flag";

    public string Type => MessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<SharingEmailMessage>(message.Payload) ?? throw new InvalidOperationException("Empty sharing flag message.");
        var flag = await db.Set<SharingFlag>().AsNoTracking().SingleAsync(f => f.EntitlementId == request.EntitlementId, cancellationToken);
        var entitlement = await db.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.Id == request.EntitlementId, cancellationToken);
        var shop = await settings.GetAsync(cancellationToken);
        if (shop.SupportEmail is not { } support)
        {
            logger.LogInformation("No support address is set, so nobody was told that order {OrderNumber} looks shared", flag.OrderNumber);
            return;
        }

        var number = flag.OrderNumber.ToString(CultureInfo.InvariantCulture);
        var subject = $"Download link of order {number} looks shared ({flag.Networks} networks)";
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Copies of \"{entitlement.ProductTitle}\" from order {number} ({entitlement.BuyerEmail}) went to ")
            .Append(CultureInfo.InvariantCulture, $"{flag.Networks} different networks within {options.CurrentValue.WindowHours} hours. ")
            .Append(flag.Status == SharingStatus.Suspended
                ? "Its downloads are suspended until an administrator clears it.\n\n"
                : "Downloads go on; an administrator can suspend them or clear the flag.\n\n");
        foreach (var network in flag.ReadEvidence())
        {
            text.Append(CultureInfo.InvariantCulture, $"{network.Network}: {network.Copies} cop{(network.Copies == 1 ? "y" : "ies")}, ")
                .Append(CultureInfo.InvariantCulture, $"{network.First:yyyy-MM-dd HH:mm} to {network.Last:yyyy-MM-dd HH:mm} UTC\n")
                .Append("  addresses: ").Append(string.Join(", ", network.Addresses)).Append('\n')
                .Append("  user agents: ").Append(string.Join(" | ", network.UserAgents)).Append('\n');
        }

        text.Append('\n').Append("Review it: ").Append(Origin()).Append("/admin/shared-links\n");
        var mail = new EmailMessage(new EmailAddress(support, shop.SiteName), subject, text.ToString(), null,
            EmailMessageId.From("sharing", request.EntitlementId.ToString("N"), request.Round.ToString(CultureInfo.InvariantCulture), "support"));
        await email.SendAsync(mail, cancellationToken);
        logger.LogInformation("Support told that order {OrderNumber} looks shared", flag.OrderNumber);
    }

    /// <summary><c>Site__BaseUrl</c>, or where this instance listens when none is set (a local demo).</summary>
    private string Origin() => site.Value.ConfiguredOrigin
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
