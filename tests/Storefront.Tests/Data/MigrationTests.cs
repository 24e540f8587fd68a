using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Library.Data;
using Storefront.Licensing.Data;
using Storefront.Payments.Invoices;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Storefront.Payments.Promotions;
using Storefront.Payments.Refunds;
using Storefront.Core.Settings;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Models;
using Microsoft.AspNetCore.Identity;

namespace Storefront.Tests.Data;

public sealed class MigrationTests
{
    private static readonly Guid SampleUserId = Guid.CreateVersion7();
    private static readonly Guid SampleRoleId = Guid.CreateVersion7();
    private static readonly Guid SampleProductId = Guid.CreateVersion7();

    /// <summary>Every entity in the model, with a fully populated sample. A new entity without one fails the coverage test.</summary>
    /// <remarks>The user and role come first: the Identity tables' foreign keys need them before their children.</remarks>
    private static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(StorefrontUser)] = () => new StorefrontUser
        {
            Id = SampleUserId,
            UserName = "zoë@example.com",
            NormalizedUserName = "ZOË@EXAMPLE.COM",
            Email = "zoë@example.com",
            NormalizedEmail = "ZOË@EXAMPLE.COM",
            EmailConfirmed = true,
            PasswordHash = "AQAAAAIAAYagAAAAE-hash",
            SecurityStamp = "STAMP",
            ConcurrencyStamp = "concurrency",
            PhoneNumber = "+44 20 7946 0000",
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = true,
            LockoutEnd = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(70),
            LockoutEnabled = true,
            AccessFailedCount = 3,
            CreatedAt = Utc(14),
        },
        [typeof(StorefrontRole)] = () => new StorefrontRole("Reviewer") { Id = SampleRoleId, ConcurrencyStamp = "role-stamp", PermissionsEditedAt = Utc(24) },
        [typeof(IdentityUserRole<Guid>)] = () => new IdentityUserRole<Guid> { UserId = SampleUserId, RoleId = SampleRoleId },
        [typeof(IdentityUserClaim<Guid>)] = () => new IdentityUserClaim<Guid> { UserId = SampleUserId, ClaimType = "display_name", ClaimValue = "李雷" },
        [typeof(IdentityRoleClaim<Guid>)] = () => new IdentityRoleClaim<Guid> { RoleId = SampleRoleId, ClaimType = "permission", ClaimValue = "ManageContent" },
        [typeof(IdentityUserLogin<Guid>)] = () => new IdentityUserLogin<Guid>
        {
            LoginProvider = "example", ProviderKey = "key-1", ProviderDisplayName = "Example", UserId = SampleUserId,
        },
        [typeof(IdentityUserToken<Guid>)] = () => new IdentityUserToken<Guid>
        {
            UserId = SampleUserId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "JBSWY3DPEHPK3PXP",
        },
        [typeof(Order)] = () => new Order
        {
            Number = 1042,
            Status = OrderStatus.Refunded,
            ProductId = Guid.CreateVersion7(),
            ProductTitle = "CAN Bus Field Guide",
            AmountMinor = 2900,
            Currency = "usd",
            CheckoutSessionId = "cs_test_a1",
            PaymentIntentId = "pi_1",
            BuyerEmail = "zoe@example.com",
            BuyerName = "Zoë Ünïcode",
            CreatedAt = Utc(1),
            FulfilledAt = Utc(2),
            ClosedAt = Utc(3),
            RefundedAt = Utc(4),
            PromotionCode = "SPRING-10",
            AutomaticTax = true,
            Attention = "amount mismatch: Stripe's subtotal is 1, the shop asked for 2900 — ünïcode",
        },
        [typeof(OrderLine)] = () => new OrderLine
        {
            OrderId = Guid.CreateVersion7(), Position = 2, ProductId = Guid.CreateVersion7(), ProductTitle = "Field Guide — 野外", UnitAmountMinor = 99_999_999_99,
            AmountDiscount = 500, AmountTax = 456, AmountTotal = 99_999_999_55, RefundedAt = Utc(6),
        },
        [typeof(Storefront.Core.Caching.SiteChange)] = () => new Storefront.Core.Caching.SiteChange { Tag = "catalogue", Version = 42 },
        [typeof(Storefront.Core.Data.Lease)] = () => new Storefront.Core.Data.Lease
        {
            Name = "payments.reconciliation", Holder = "host/42/ünïcode", ExpiresAt = Utc(10), CompletedAt = Utc(11),
        },
        [typeof(Storefront.Payments.Cart.Cart)] = () => new Storefront.Payments.Cart.Cart
        {
            Id = new string('a', 64), CreatedAt = Utc(7), UpdatedAt = Utc(8), CheckoutOrderId = Guid.CreateVersion7(), PromotionCode = "SPRING-10",
        },
        [typeof(Storefront.Payments.Cart.CartItem)] = () => new Storefront.Payments.Cart.CartItem
        {
            CartId = new string('b', 64), ProductId = Guid.CreateVersion7(), ChosenAmountMinor = 1250, SeenPriceMinor = 2900, AddedAt = Utc(9),
        },
        [typeof(PromotionCode)] = () => new PromotionCode
        {
            Code = "Spring-10", NormalizedCode = "SPRING-10", Kind = DiscountKind.Amount, Value = 500, Currency = "eur", ExpiresAt = Utc(25),
            MaxRedemptions = 100, ProductIds = $"{Guid.CreateVersion7()},{Guid.CreateVersion7()}", OncePerCustomer = true,
            StripeCouponId = "Z4OV52SU", StripePromotionCodeId = "promo_1", CreatedAt = Utc(26), DeactivatedAt = Utc(27),
        },
        [typeof(StripeProduct)] = () => new StripeProduct { ProductId = Guid.CreateVersion7(), StripeProductId = "prod_1", CreatedAt = Utc(28) },
        [typeof(OrderDispute)] = () => new OrderDispute
        {
            Id = "dp_1", OrderId = Guid.CreateVersion7(), Reason = "fraudulent", AmountMinor = 2900, Currency = "usd",
            OpenedAt = Utc(27), ClosedAt = Utc(28), Outcome = DisputeOutcomes.Won,
        },
        [typeof(Storefront.Payments.Webhooks.StripeInboxEvent)] = () => new Storefront.Payments.Webhooks.StripeInboxEvent
        {
            Id = "evt_1", Type = "charge.refunded", ReceivedAt = Utc(5), Payload = "{\"id\":\"evt_1\",\"note\":\"zoë\"}", EventCreatedAt = Utc(4),
            Status = Storefront.Payments.Webhooks.InboxStatus.Failed, Attempts = 3, LastError = "DbException: gone", NextAttemptAt = Utc(6).AddYears(100), // not yet due: the running worker leaves it alone
            ClaimedUntil = Utc(7), ProcessedAt = Utc(8), Outcome = "fulfilled",
        },
        [typeof(OrderRefund)] = () => new OrderRefund
        {
            Id = "re_1", OrderId = Guid.CreateVersion7(), AmountMinor = 900, Currency = "usd", Status = RefundStatuses.Succeeded,
            Reason = "requested_by_customer", Note = "Zoë asked — 返金", RefundedBy = "ada@example.com", CreatedAt = Utc(29),
        },
        [typeof(CreditNote)] = () => new CreditNote
        {
            RefundId = "re_1", OrderId = Guid.CreateVersion7(), Number = 3, IssuedAt = Utc(29), SellerName = "Dílna s.r.o.", SellerAddress = "Dlouhá 12",
            Pdf = [0x25, 0x50, 0x44, 0x46, 0x00, 0xff],
        },
        [typeof(Invoice)] = () => new Invoice
        {
            OrderId = Guid.CreateVersion7(), Number = 7, IssuedAt = Utc(2), SellerName = "Dílna s.r.o.", SellerAddress = "Dlouhá 12\n110 00 Praha",
            Pdf = [0x25, 0x50, 0x44, 0x46, 0x00, 0xff],
        },
        [typeof(Entitlement)] = () => new Entitlement
        {
            OrderId = Guid.CreateVersion7(),
            OrderNumber = 1042,
            ProductId = Guid.CreateVersion7(),
            ProductTitle = "CAN Bus Field Guide",
            BuyerEmail = "li@example.com",
            BuyerName = "李雷",
            UsesAllowed = 3,
            UsesLeft = 1,
            ExpiresAt = Utc(6),
            Status = EntitlementStatus.Revoked,
            Fingerprint = "0123456789abcdef0123456789abcdef",
            LicenseCode = "7K2Q-M9XD",
            CreatedAt = Utc(7),
            RevokedAt = Utc(8),
            RevokedReason = "refunded",
            SuspendedAt = Utc(29),
            ViaProductId = Guid.CreateVersion7(),
            SharingSuspendedAt = Utc(30),
        },
        [typeof(Storefront.Downloads.Sharing.SharingFlag)] = () => new Storefront.Downloads.Sharing.SharingFlag
        {
            EntitlementId = Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), OrderNumber = 1042, Status = Storefront.Downloads.Sharing.SharingStatus.Cleared,
            Round = 2, FlaggedAt = Utc(9), Networks = 4, Evidence = "[{\"Network\":\"2001:db8:1::/48\",\"UserAgents\":[\"Zoë/1.0\"]}]",
            SuspendedAt = Utc(10), ClearedAt = Utc(11), Acknowledged = "198.51.100.0/24,2001:db8:1::/48", LastCopyAt = Utc(8),
        },
        [typeof(DownloadAttempt)] = () => new DownloadAttempt
        {
            EntitlementId = Guid.CreateVersion7(), At = Utc(9), Outcome = "Delivered", IpAddress = "203.0.113.9", UserAgent = "Mozilla/5.0",
        },
        [typeof(OutboxMessage)] = () => new OutboxMessage
        {
            Type = "payments.receipt",
            DeduplicationKey = "order-1",
            Payload = "{\"orderId\":\"x\"}",
            CreatedAt = Utc(10),
            AvailableAt = Utc(11),
            LockedUntil = Utc(12),
            Attempts = 2,
            LastError = "SMTP 451",
            ProcessedAt = Utc(13),
        },
        [typeof(AuditEntry)] = () => new AuditEntry
        {
            At = Utc(14), UserId = "u-1", UserName = "editor@example.com", Action = "product.published", Target = "product guide", Details = "price 2900",
        },
        [typeof(DataProtectionKey)] = () => new DataProtectionKey
        {
            FriendlyName = "key-1",
            Xml = "<key id=\"1\"><descriptor /></key>",
            CreatedAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        },
        [typeof(SignInFailure)] = () => new SignInFailure
        {
            NormalizedEmail = "ZOË@EXAMPLE.COM", Client = "2001:db8:85a3::/64", Failures = 5, WindowEndsAt = Utc(25), LockedUntil = Utc(26),
        },
        [typeof(SignInLink)] = () => new SignInLink
        {
            TokenHash = new string('a', 64), Email = "zoë@example.com", CreatedAt = Utc(27), ExpiresAt = Utc(27).AddMinutes(15), UsedAt = Utc(28),
        },
        [typeof(LibraryRequestCount)] = () => new LibraryRequestCount
        {
            Scope = "sign-in-address", Subject = "2001:db8:85a3::/64", Hits = 3, WindowEndsAt = Utc(29),
        },
        [typeof(LicensedProduct)] = () => new LicensedProduct
        {
            ProductId = Guid.CreateVersion7(), IssuesKeys = true, ActivationLimit = 10_000, UpdatedAt = Utc(24),
        },
        [typeof(LicenseKey)] = () => new LicenseKey
        {
            Key = "7K3QX-M9TPA-0ZZ1B-HJKMN", LineId = Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), OrderNumber = 9_000_000_001,
            ProductId = Guid.CreateVersion7(), ProductTitle = "Zoë's Tool — 工具", BuyerEmail = "zoë@example.com", IssuedAt = Utc(24), Activations = 3,
            SuspendedAt = Utc(25), RevokedAt = Utc(26), RevokedReason = "dispute lost",
        },
        [typeof(LicenseActivation)] = () => new LicenseActivation
        {
            LicenseKeyId = Guid.CreateVersion7(), Instance = "Zoë's laptop — 笔记本", ActivatedAt = Utc(27),
        },
        [typeof(SiteSetting)] = () => new SiteSetting { Key = "site.name", Value = "Zoë's Field Guides — 李雷" },
        [typeof(Product)] = () => new Product
        {
            Id = SampleProductId,
            Slug = "can-bus-field-guide",
            Title = "CAN Bus Field Guide",
            Description = "Markdown with **bold** and ünïcode",
            PriceMinor = 99_999_999_99,
            Currency = "eur",
            CoverKey = "covers/abc/cover.png",
            MasterKey = "masters/abc/Field Guide.pdf",
            MasterFileName = "Field Guide.pdf",
            StampPrivacy = Storefront.Core.Privacy.StampPrivacy.CodeOnly,
            SeoTitle = "CAN Bus — the field guide",
            SeoDescription = "Wire, debug and read a CAN bus: ünïcode and 返金.",
            SocialImage = "/media/social/can-bus.png",
            CanonicalUrl = "https://books.example/can-bus",
            DownloadUses = 5,
            DownloadExpiryHours = 72,
            Published = true,
            ArchivedAt = Utc(20),
            ExternalUrl = "https://xn--bcher-kva.example/Feldf%C3%BChrer?ref=shop",
            PayWhatYouWant = true,
            MinimumPriceMinor = 99_999_999_98,
            SuggestedPriceMinor = 99_999_999_99,
            StockLeft = 2_000_000,
            CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1230),
            UpdatedAt = new DateTime(2026, 6, 7, 8, 9, 10, DateTimeKind.Utc),
        },
        [typeof(Storefront.Catalog.External.ProductClick)] = () => new Storefront.Catalog.External.ProductClick
        {
            ProductId = SampleProductId, At = Utc(25), Referrer = "https://blog.example/ünïcode-review", UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
            IsBot = true,
        },
        [typeof(SlugRedirect)] = () => new SlugRedirect { Kind = SlugRedirectKinds.Product, OldSlug = "can-bus-guide", ItemId = SampleProductId, CreatedAt = Utc(26) },
        [typeof(Storefront.Catalog.Taxonomies.TaxonomyTerm)] = () => new Storefront.Catalog.Taxonomies.TaxonomyTerm
        {
            Kind = Storefront.Catalog.Taxonomies.TermKinds.Category, ParentId = Guid.CreateVersion7(), Slug = "field-guides", Name = "Field guides — 指南",
            Description = "Every **guide**: ünïcode.", Position = 4, SeoTitle = "Guides", SeoDescription = "All our guides.",
            SocialImage = "/media/social/guides.png", CanonicalUrl = "https://books.example/guides", CreatedAt = Utc(21), UpdatedAt = Utc(22),
        },
        [typeof(Storefront.Catalog.Taxonomies.ProductTerm)] = () => new Storefront.Catalog.Taxonomies.ProductTerm { ProductId = SampleProductId, TermId = Guid.CreateVersion7() },
        [typeof(Storefront.Catalog.Fields.ContentField)] = () => new Storefront.Catalog.Fields.ContentField
        {
            Kind = "product", Key = "page_count", Label = "Zoë's pages — 页数", Hint = "Count the cover too — ünïcode", Type = "choice", Required = true,
            Position = 2_000_000, Choices = "Ünïcode\n返金", SchemaProperty = "numberOfPages", Placement = "summary", CreatedAt = Utc(27), RemovedAt = Utc(28),
        },
        [typeof(Storefront.Catalog.Fields.ContentFieldValue)] = () => new Storefront.Catalog.Fields.ContentFieldValue
        {
            ItemId = SampleProductId, FieldKey = "page_count", Value = "Zoë's **long** value — 返金 " + new string('x', 5000),
        },
        [typeof(Storefront.Catalog.Versions.ProductVersion)] = () => new Storefront.Catalog.Versions.ProductVersion
        {
            // Number 42: saving the sample product above kept version 1 of it.
            ProductId = SampleProductId, Number = 42, IsDraft = true, Content = "{\"title\":\"Zoë's guide — 照片\"}", Changes = "title, price",
            Author = "zoë@example.com", CreatedAt = Utc(28),
        },
        [typeof(Storefront.Catalog.Versions.PageVersion)] = () => new Storefront.Catalog.Versions.PageVersion
        {
            PageId = Guid.CreateVersion7(), Number = 42, Content = "{\"title\":\"Refund policy — 返金\"}", Changes = "title, body", Author = "zoë@example.com",
            CreatedAt = Utc(28),
        },
        [typeof(Storefront.Catalog.Versions.ProductSchedule)] = () => new Storefront.Catalog.Versions.ProductSchedule
        {
            ProductId = SampleProductId, PublishAt = Utc(28), UnpublishAt = Utc(29),
        },
        [typeof(Storefront.Payments.Orders.OrderLineVersion)] = () => new Storefront.Payments.Orders.OrderLineVersion
        {
            OrderLineId = Guid.CreateVersion7(), ProductVersion = int.MaxValue,
        },
        [typeof(BundleItem)] = () => new BundleItem { BundleId = Guid.CreateVersion7(), ItemId = Guid.CreateVersion7(), Position = 7 },
        [typeof(StockReservation)] = () => new StockReservation
        {
            OrderId = Guid.CreateVersion7(), ProductId = Guid.CreateVersion7(), State = StockReservationStates.Sold, CreatedAt = Utc(24), SettledAt = Utc(25),
        },
        [typeof(ContentPage)] = () => new ContentPage
        {
            Slug = "refund-policy", Title = "Refund policy — 返金", Body = "Within **14 days**.", Published = true, NavigationOrder = 3,
            SeoTitle = "Refunds", SeoDescription = "Within 14 days.", SocialImage = "https://cdn.example/refunds.png", CanonicalUrl = "https://example.org/refunds",
            CreatedAt = Utc(21), UpdatedAt = Utc(22),
        },
        [typeof(MediaAsset)] = () => new MediaAsset
        {
            Name = "Zoë's cover.png", Key = "media/abc/Zoë's cover.png", ContentType = "image/png", Length = 12_345_678_901,
            AltText = "A soldering iron — 烙铁", UploadedAt = Utc(23), UploadedBy = "editor@example.com",
            FolderId = Guid.CreateVersion7(), Width = 4032, Height = 3024,
        },
        [typeof(MediaFolder)] = () => new MediaFolder { Name = "Fotos — 照片", ParentId = Guid.CreateVersion7(), CreatedAt = Utc(26) },
        [typeof(Storefront.Templates.Data.TemplateVersion)] = () => new Storefront.Templates.Data.TemplateVersion
        {
            Name = "product.aside", Version = 3, Body = "<p>{{ product.title }} — ünïcode 照片</p>", Note = "Restored version 1",
            SavedBy = "zoë@example.com", SavedAt = Utc(27),
        },
    };

    private static DateTime Utc(int day) => new DateTime(2026, 1, day, 10, 20, 30, DateTimeKind.Utc).AddTicks(4560);

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task MigrationsCreateTheSchemaOnceAndEveryEntityRoundTrips(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);

        // The app applied everything at start; a second run finds nothing to do.
        var again = await app.WithDbAsync(context => new DataMigrator(context, app.Services.GetServices<IDataMigration>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DataMigrator>.Instance).MigrateAsync());
        Assert.Empty(again);

        var entityTypes = await app.WithDbAsync(context => Task.FromResult(context.Model.GetEntityTypes().Select(e => e.ClrType).ToList()));
        Assert.Equal(entityTypes.OrderBy(t => t.Name), Samples.Keys.OrderBy(t => t.Name));

        foreach (var (type, create) in Samples)
        {
            var sample = create();
            await app.WithDbAsync(async context =>
            {
                context.Add(sample);
                return await context.SaveChangesAsync();
            });
            var loaded = await app.WithDbAsync(async context =>
            {
                var entity = context.Model.FindEntityType(type)!;
                var key = entity.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(sample)).ToArray();
                return await context.FindAsync(type, key);
            });
            Assert.NotNull(loaded);
            foreach (var property in type.GetProperties())
            {
                Assert.Equal(property.GetValue(sample), property.GetValue(loaded));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EveryMappedColumnExistsInTheMigratedSchema(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await app.WithDbAsync(async context =>
        {
            foreach (var entity in context.Model.GetEntityTypes())
            {
                var columns = string.Join(", ", entity.GetProperties().Select(p => p.GetColumnName()));
                // Names come from our own model, not from input.
                var probe = "SELECT " + columns + " FROM " + entity.GetTableName() + " WHERE 1 = 0";
                await context.Database.ExecuteSqlRawAsync(probe);
            }

            return 0;
        });
    }

    [Fact]
    public async Task SeveralInstancesMigratingOnePostgresDatabaseAtOnceApplyEachStepOnce()
    {
        using var folder = new TempFolder();
        var settings = await TestDatabase.CreateAsync(Db.Postgres, folder);
        var starts = Enumerable.Range(0, 4).Select(_ => StorefrontApp.StartAsync(Db.Postgres, settings, new TempFolder())).ToList();
        var apps = await Task.WhenAll(starts.Select(s => Task.Run(() => s)));
        try
        {
            var count = await apps[0].WithDbAsync(async context =>
            {
                await using var command = context.Database.GetDbConnection().CreateCommand();
                await context.Database.OpenConnectionAsync();
                command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT id) FROM schema_migrations";
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                return (reader.GetInt64(0), reader.GetInt64(1));
            });
            Assert.Equal(count.Item1, count.Item2);
            Assert.True(count.Item1 >= 2);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
