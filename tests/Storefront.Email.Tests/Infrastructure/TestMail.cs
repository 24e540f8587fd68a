using System.Net.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Email.Receipts;
using Storefront.Email.Services;

namespace Storefront.Email.Tests.Infrastructure;

/// <summary>Receipts and senders as the shop would build them, with a fresh order number per call.</summary>
public static class TestMail
{
    public const string ShopAddress = "shop@fieldguides.test";
    public const string ShopName = "Field Guides — Bücher & 书店";

    public static Receipt Receipt(string? buyerName = "Zoë Ünïcode", string buyerEmail = "zoe@example.test", string? orderNumber = null) => new(
        SiteName: "Field Guides",
        SupportEmail: "help@fieldguides.test",
        BuyerEmail: buyerEmail,
        BuyerName: buyerName,
        OrderNumber: orderNumber ?? "SO-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
        PaidAmount: "€29.00",
        Lines: [new ReceiptLine("CAN Bus Field Guide", new Uri("https://shop.example.test/download/tok_abc123?x=1&y=2"), 3, 3,
            new DateTimeOffset(2026, 11, 23, 21, 40, 0, TimeSpan.Zero))],
        Seller: new SellerDetails("Field Guides Ltd", ["1 Harbour Street", "Bristol BS1 4AA"]));

    public static EmailOptions Smtp(int port, Action<SmtpOptions>? configure = null)
    {
        var options = new EmailOptions { From = ShopAddress, FromName = ShopName, Smtp = { Host = "127.0.0.1", Port = port, TimeoutSeconds = 10 } };
        configure?.Invoke(options.Smtp);
        return options;
    }

    public static SmtpEmailSender SmtpSender(EmailOptions options, ILogger<SmtpEmailSender>? logger = null, RemoteCertificateValidationCallback? trust = null) =>
        new(options, logger ?? NullLogger<SmtpEmailSender>.Instance) { ServerCertificateCheck = trust };

    public static PickupFolderEmailSender PickupSender(string folder) =>
        new(new EmailOptions { From = ShopAddress, FromName = ShopName, PickupDirectory = folder }, NullLogger<PickupFolderEmailSender>.Instance);

    /// <summary>The Message-ID header a message gets from a shop sending as <see cref="ShopAddress"/>.</summary>
    public static string HeaderId(EmailMessage message) => $"<{message.MessageId.Value}@fieldguides.test>";
}

/// <summary>Keeps every log line so a test can prove what was, and was not, logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines)
        {
            lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
