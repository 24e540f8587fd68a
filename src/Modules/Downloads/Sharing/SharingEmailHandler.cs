using System.Globalization;
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

        var evidence = flag.ReadEvidence().Select(n => new SharingNetworkMail(n.Network, n.Copies, n.First, n.Last, string.Join(", ", n.Addresses),
            string.Join(" | ", n.UserAgents))).ToList();
        var mail = new SharingMail(shop.SiteName, support, flag.OrderNumber, entitlement.ProductTitle, entitlement.BuyerEmail, flag.Networks,
                options.CurrentValue.WindowHours, flag.Status == SharingStatus.Suspended, evidence, new Uri(Origin() + "/admin/shared-links"))
            .ToMessage(request.EntitlementId.ToString("N"), request.Round.ToString(CultureInfo.InvariantCulture), "support");
        await email.SendAsync(mail, cancellationToken);
        logger.LogInformation("Support told that order {OrderNumber} looks shared", flag.OrderNumber);
    }

    /// <summary><c>Site__BaseUrl</c>, or where this instance listens when none is set (a local demo).</summary>
    private string Origin() => site.Value.ConfiguredOrigin
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
