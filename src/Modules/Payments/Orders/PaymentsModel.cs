using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Invoices;
using Storefront.Payments.Refunds;

namespace Storefront.Payments.Orders;

internal sealed class PaymentsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(entity =>
        {
            entity.ToTable("orders");
            entity.HasKey(o => o.Id);
            entity.HasIndex(o => o.Number).IsUnique();
            entity.HasIndex(o => o.CheckoutSessionId).IsUnique();
            entity.HasIndex(o => o.PaymentIntentId);
            entity.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            entity.Property(o => o.Currency).HasMaxLength(3);
            entity.Property(o => o.PromotionCode).HasMaxLength(40);
            entity.HasIndex(o => o.PromotionCode);
            entity.Ignore(o => o.ChargedMinor);
            entity.Property(o => o.AutomaticTax).HasDefaultValue(false);
        });
        modelBuilder.Entity<OrderLine>(entity =>
        {
            entity.ToTable("order_lines");
            entity.HasKey(l => l.Id);
            entity.HasIndex(l => new { l.OrderId, l.Position }).IsUnique();
            entity.Ignore(l => l.Charged);
        });
        modelBuilder.Entity<Cart.Cart>(entity =>
        {
            entity.ToTable("carts");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => c.CheckoutOrderId);
        });
        modelBuilder.Entity<Cart.CartItem>(entity =>
        {
            entity.ToTable("cart_items");
            entity.HasKey(i => new { i.CartId, i.ProductId });
        });
        modelBuilder.Entity<OrderDispute>(entity =>
        {
            entity.ToTable("order_disputes");
            entity.HasKey(d => d.Id);
            entity.HasIndex(d => d.OrderId);
            entity.Property(d => d.Currency).HasMaxLength(3);
            entity.Property(d => d.Outcome).HasMaxLength(20);
            entity.Property(d => d.FundsCurrency).HasMaxLength(3);
            entity.Ignore(d => d.Won);
        });
        modelBuilder.Entity<Webhooks.StripeInboxEvent>(entity =>
        {
            entity.ToTable("stripe_events");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entity.HasIndex(e => new { e.Status, e.NextAttemptAt });
            entity.HasIndex(e => e.ReceivedAt);
            entity.HasIndex(e => e.ProcessedAt);
        });
        modelBuilder.Entity<Invoice>(entity =>
        {
            entity.ToTable("invoices");
            entity.HasKey(i => i.OrderId);
            entity.HasIndex(i => i.Number).IsUnique();
        });
        modelBuilder.Entity<OrderRefund>(entity =>
        {
            entity.ToTable("order_refunds");
            entity.HasKey(r => r.Id);
            entity.HasIndex(r => r.OrderId);
            entity.Property(r => r.Currency).HasMaxLength(3);
            entity.Property(r => r.Status).HasMaxLength(20);
            entity.Property(r => r.Reason).HasMaxLength(30);
            entity.Ignore(r => r.Counts);
        });
        modelBuilder.Entity<CreditNote>(entity =>
        {
            entity.ToTable("credit_notes");
            entity.HasKey(c => c.RefundId);
            entity.HasIndex(c => c.Number).IsUnique();
            entity.HasIndex(c => c.OrderId);
        });
    }
}

internal sealed class PaymentsMigrations : IDataMigration
{
    // The seller of earlier orders is whoever the settings name now (or the shop), the best record there is.
    private const string BackfillInvoices = """
        INSERT INTO invoices (order_id, number, issued_at, seller_name, seller_address)
            SELECT o.id, ROW_NUMBER() OVER (ORDER BY o.fulfilled_at, o.number), o.fulfilled_at,
                COALESCE((SELECT value FROM site_settings WHERE key = 'Seller:Name'), (SELECT value FROM site_settings WHERE key = 'Site:Name'), 'Storefront'),
                (SELECT value FROM site_settings WHERE key = 'Seller:Address')
            FROM orders o WHERE o.fulfilled_at IS NOT NULL;
        INSERT INTO counters (name, value) VALUES ('invoice-number', (SELECT COUNT(*) FROM invoices));
        """;

    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0200-payments-orders",
            Sqlite: """
                CREATE TABLE orders (
                    id TEXT NOT NULL PRIMARY KEY, number INTEGER NOT NULL, status TEXT NOT NULL, product_id TEXT NOT NULL,
                    product_title TEXT NOT NULL, amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, checkout_session_id TEXT NULL,
                    payment_intent_id TEXT NULL, buyer_email TEXT NULL, buyer_name TEXT NULL, created_at TEXT NOT NULL,
                    fulfilled_at TEXT NULL, closed_at TEXT NULL, refunded_at TEXT NULL);
                CREATE UNIQUE INDEX ix_orders_number ON orders (number);
                CREATE UNIQUE INDEX ix_orders_checkout_session_id ON orders (checkout_session_id);
                CREATE INDEX ix_orders_payment_intent_id ON orders (payment_intent_id);
                CREATE TABLE stripe_events (id TEXT NOT NULL PRIMARY KEY, type TEXT NOT NULL, received_at TEXT NOT NULL);
                CREATE TABLE counters (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO counters (name, value) VALUES ('order-number', 1000);
                """,
            Postgres: """
                CREATE TABLE orders (
                    id UUID NOT NULL PRIMARY KEY, number BIGINT NOT NULL, status VARCHAR(20) NOT NULL, product_id UUID NOT NULL,
                    product_title TEXT NOT NULL, amount_minor BIGINT NOT NULL, currency VARCHAR(3) NOT NULL, checkout_session_id TEXT NULL,
                    payment_intent_id TEXT NULL, buyer_email TEXT NULL, buyer_name TEXT NULL, created_at TIMESTAMPTZ NOT NULL,
                    fulfilled_at TIMESTAMPTZ NULL, closed_at TIMESTAMPTZ NULL, refunded_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_orders_number ON orders (number);
                CREATE UNIQUE INDEX ix_orders_checkout_session_id ON orders (checkout_session_id);
                CREATE INDEX ix_orders_payment_intent_id ON orders (payment_intent_id);
                CREATE TABLE stripe_events (id TEXT NOT NULL PRIMARY KEY, type TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL);
                CREATE TABLE counters (name TEXT NOT NULL PRIMARY KEY, value BIGINT NOT NULL);
                INSERT INTO counters (name, value) VALUES ('order-number', 1000);
                """),
        new("0201-payments-order-disputes",
            Sqlite: """
                CREATE TABLE order_disputes (
                    id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, reason TEXT NULL, amount_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL, opened_at TEXT NOT NULL, closed_at TEXT NULL, outcome TEXT NULL);
                CREATE INDEX ix_order_disputes_order_id ON order_disputes (order_id);
                """,
            Postgres: """
                CREATE TABLE order_disputes (
                    id TEXT NOT NULL PRIMARY KEY, order_id UUID NOT NULL, reason TEXT NULL, amount_minor BIGINT NOT NULL,
                    currency VARCHAR(3) NOT NULL, opened_at TIMESTAMPTZ NOT NULL, closed_at TIMESTAMPTZ NULL, outcome VARCHAR(20) NULL);
                CREATE INDEX ix_order_disputes_order_id ON order_disputes (order_id);
                """),
        // Invoice numbers run from 1 without holes. Orders already paid get theirs in the order they were paid, as
        // issued then, so the sequence covers every paid order and new invoices continue after them.
        new("0210-payments-invoices",
            Sqlite: """
                CREATE TABLE invoices (
                    order_id TEXT NOT NULL PRIMARY KEY, number INTEGER NOT NULL, issued_at TEXT NOT NULL,
                    seller_name TEXT NOT NULL, seller_address TEXT NULL, pdf BLOB NULL);
                CREATE UNIQUE INDEX ix_invoices_number ON invoices (number);
                """ + BackfillInvoices,
            Postgres: """
                CREATE TABLE invoices (
                    order_id UUID NOT NULL PRIMARY KEY, number BIGINT NOT NULL, issued_at TIMESTAMPTZ NOT NULL,
                    seller_name TEXT NOT NULL, seller_address TEXT NULL, pdf BYTEA NULL);
                CREATE UNIQUE INDEX ix_invoices_number ON invoices (number);
                """ + BackfillInvoices),
        // One row per Stripe refund id, whichever of the admin's call and Stripe's webhooks sees it first; credit notes
        // are numbered from 1 on a counter of their own.
        new("0220-payments-refunds-credit-notes",
            Sqlite: """
                CREATE TABLE order_refunds (
                    id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, amount_minor INTEGER NOT NULL, currency TEXT NOT NULL,
                    status TEXT NOT NULL, reason TEXT NULL, note TEXT NULL, refunded_by TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE INDEX ix_order_refunds_order_id ON order_refunds (order_id);
                CREATE TABLE credit_notes (
                    refund_id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, number INTEGER NOT NULL, issued_at TEXT NOT NULL,
                    seller_name TEXT NOT NULL, seller_address TEXT NULL, seller_vat_id TEXT NULL, pdf BLOB NULL);
                CREATE UNIQUE INDEX ix_credit_notes_number ON credit_notes (number);
                CREATE INDEX ix_credit_notes_order_id ON credit_notes (order_id);
                INSERT INTO counters (name, value) VALUES ('credit-note-number', 0);
                """,
            Postgres: """
                CREATE TABLE order_refunds (
                    id TEXT NOT NULL PRIMARY KEY, order_id UUID NOT NULL, amount_minor BIGINT NOT NULL, currency VARCHAR(3) NOT NULL,
                    status VARCHAR(20) NOT NULL, reason VARCHAR(30) NULL, note TEXT NULL, refunded_by TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL);
                CREATE INDEX ix_order_refunds_order_id ON order_refunds (order_id);
                CREATE TABLE credit_notes (
                    refund_id TEXT NOT NULL PRIMARY KEY, order_id UUID NOT NULL, number BIGINT NOT NULL, issued_at TIMESTAMPTZ NOT NULL,
                    seller_name TEXT NOT NULL, seller_address TEXT NULL, seller_vat_id TEXT NULL, pdf BYTEA NULL);
                CREATE UNIQUE INDEX ix_credit_notes_number ON credit_notes (number);
                CREATE INDEX ix_credit_notes_order_id ON credit_notes (order_id);
                INSERT INTO counters (name, value) VALUES ('credit-note-number', 0);
                """),
        new("0230-payments-dispute-funds-evidence",
            Sqlite: """
                ALTER TABLE order_disputes ADD COLUMN evidence_due_by TEXT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_at TEXT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_minor INTEGER NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_fee_minor INTEGER NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_reinstated_at TEXT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_reinstated_minor INTEGER NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_currency TEXT NULL;
                ALTER TABLE order_disputes ADD COLUMN evidence_staged_at TEXT NULL;
                ALTER TABLE order_disputes ADD COLUMN evidence_submitted_at TEXT NULL;
                """,
            Postgres: """
                ALTER TABLE order_disputes ADD COLUMN evidence_due_by TIMESTAMPTZ NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_at TIMESTAMPTZ NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_minor BIGINT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_withdrawn_fee_minor BIGINT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_reinstated_at TIMESTAMPTZ NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_reinstated_minor BIGINT NULL;
                ALTER TABLE order_disputes ADD COLUMN funds_currency VARCHAR(3) NULL;
                ALTER TABLE order_disputes ADD COLUMN evidence_staged_at TIMESTAMPTZ NULL;
                ALTER TABLE order_disputes ADD COLUMN evidence_submitted_at TIMESTAMPTZ NULL;
                """),
        // What the invoice prints about the buyer and the payment, as Stripe reported it at fulfilment.
        new("0240-payments-order-invoice-details",
            Sqlite: """
                ALTER TABLE orders ADD COLUMN buyer_address TEXT NULL;
                ALTER TABLE orders ADD COLUMN buyer_tax_ids TEXT NULL;
                ALTER TABLE orders ADD COLUMN amount_subtotal INTEGER NULL;
                ALTER TABLE orders ADD COLUMN amount_discount INTEGER NULL;
                ALTER TABLE orders ADD COLUMN amount_tax INTEGER NULL;
                ALTER TABLE orders ADD COLUMN amount_total INTEGER NULL;
                ALTER TABLE orders ADD COLUMN payment_method TEXT NULL;
                """,
            Postgres: """
                ALTER TABLE orders ADD COLUMN buyer_address TEXT NULL, ADD COLUMN buyer_tax_ids TEXT NULL,
                    ADD COLUMN amount_subtotal BIGINT NULL, ADD COLUMN amount_discount BIGINT NULL, ADD COLUMN amount_tax BIGINT NULL,
                    ADD COLUMN amount_total BIGINT NULL, ADD COLUMN payment_method TEXT NULL;
                """),
        // Invoices issued before the VAT id existed keep none: any value now would be a later one.
        new("0241-payments-invoice-seller-vat-id",
            Sqlite: "ALTER TABLE invoices ADD COLUMN seller_vat_id TEXT NULL;",
            Postgres: "ALTER TABLE invoices ADD COLUMN seller_vat_id TEXT NULL;"),
        // An order buys one or more products. Every earlier order bought exactly one: its line takes the order's id, which is
        // the line id its grants were made under, so a later partial refund of it finds them.
        new("0242-payments-order-lines",
            Sqlite: """
                CREATE TABLE order_lines (
                    id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, position INTEGER NOT NULL, product_id TEXT NOT NULL,
                    product_title TEXT NOT NULL, unit_amount_minor INTEGER NOT NULL, amount_discount INTEGER NULL, amount_tax INTEGER NULL,
                    amount_total INTEGER NULL, refunded_at TEXT NULL);
                CREATE UNIQUE INDEX ix_order_lines_order_id_position ON order_lines (order_id, position);
                INSERT INTO order_lines (id, order_id, position, product_id, product_title, unit_amount_minor, amount_discount, amount_tax, amount_total)
                    SELECT id, id, 0, product_id, product_title, amount_minor, amount_discount, amount_tax, amount_total FROM orders;
                ALTER TABLE orders ADD COLUMN attention TEXT NULL;
                ALTER TABLE orders ADD COLUMN automatic_tax INTEGER NOT NULL DEFAULT 0;
                """,
            Postgres: """
                CREATE TABLE order_lines (
                    id UUID NOT NULL PRIMARY KEY, order_id UUID NOT NULL, position INTEGER NOT NULL, product_id UUID NOT NULL,
                    product_title TEXT NOT NULL, unit_amount_minor BIGINT NOT NULL, amount_discount BIGINT NULL, amount_tax BIGINT NULL,
                    amount_total BIGINT NULL, refunded_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_order_lines_order_id_position ON order_lines (order_id, position);
                INSERT INTO order_lines (id, order_id, position, product_id, product_title, unit_amount_minor, amount_discount, amount_tax, amount_total)
                    SELECT id, id, 0, product_id, product_title, amount_minor, amount_discount, amount_tax, amount_total FROM orders;
                ALTER TABLE orders ADD COLUMN attention TEXT NULL, ADD COLUMN automatic_tax BOOLEAN NOT NULL DEFAULT FALSE;
                """),
        new("0243-payments-carts",
            Sqlite: """
                CREATE TABLE carts (
                    id TEXT NOT NULL PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, checkout_order_id TEXT NULL,
                    promotion_code TEXT NULL);
                CREATE INDEX ix_carts_checkout_order_id ON carts (checkout_order_id);
                CREATE TABLE cart_items (
                    cart_id TEXT NOT NULL, product_id TEXT NOT NULL, chosen_amount_minor INTEGER NULL, seen_price_minor INTEGER NOT NULL,
                    added_at TEXT NOT NULL, PRIMARY KEY (cart_id, product_id));
                """,
            Postgres: """
                CREATE TABLE carts (
                    id TEXT NOT NULL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, checkout_order_id UUID NULL,
                    promotion_code TEXT NULL);
                CREATE INDEX ix_carts_checkout_order_id ON carts (checkout_order_id);
                CREATE TABLE cart_items (
                    cart_id TEXT NOT NULL, product_id UUID NOT NULL, chosen_amount_minor BIGINT NULL, seen_price_minor BIGINT NOT NULL,
                    added_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (cart_id, product_id));
                """),
        // One row per periodic job that only one instance may run at a time (reconciliation with Stripe).
        new("0244-payments-sweeper-leases",
            Sqlite: "CREATE TABLE sweeper_leases (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL);",
            Postgres: "CREATE TABLE sweeper_leases (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL);"),
        // The processed-event ids become an inbox that keeps each event as it arrived. Ids recorded before were processed then:
        // they stay, as processed, so a late redelivery of one is still a duplicate; their bodies were never kept, and the time
        // they were received stands for the time they were created.
        new("0260-payments-webhook-inbox",
            Sqlite: """
                CREATE TABLE stripe_events_inbox (
                    id TEXT NOT NULL PRIMARY KEY, type TEXT NOT NULL, received_at TEXT NOT NULL, payload TEXT NULL, event_created_at TEXT NOT NULL,
                    status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT NULL, next_attempt_at TEXT NULL, claimed_until TEXT NULL,
                    processed_at TEXT NULL, outcome TEXT NULL);
                INSERT INTO stripe_events_inbox (id, type, received_at, event_created_at, status, attempts, processed_at)
                    SELECT id, type, received_at, received_at, 'Processed', 1, received_at FROM stripe_events;
                DROP TABLE stripe_events;
                ALTER TABLE stripe_events_inbox RENAME TO stripe_events;
                CREATE INDEX ix_stripe_events_status_next_attempt_at ON stripe_events (status, next_attempt_at);
                CREATE INDEX ix_stripe_events_received_at ON stripe_events (received_at);
                CREATE INDEX ix_stripe_events_processed_at ON stripe_events (processed_at);
                """,
            Postgres: """
                ALTER TABLE stripe_events ADD COLUMN payload TEXT NULL, ADD COLUMN event_created_at TIMESTAMPTZ NULL,
                    ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'Processed', ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1,
                    ADD COLUMN last_error TEXT NULL, ADD COLUMN next_attempt_at TIMESTAMPTZ NULL, ADD COLUMN claimed_until TIMESTAMPTZ NULL,
                    ADD COLUMN processed_at TIMESTAMPTZ NULL, ADD COLUMN outcome TEXT NULL;
                UPDATE stripe_events SET event_created_at = received_at, processed_at = received_at;
                ALTER TABLE stripe_events ALTER COLUMN event_created_at SET NOT NULL, ALTER COLUMN status DROP DEFAULT, ALTER COLUMN attempts DROP DEFAULT;
                CREATE INDEX ix_stripe_events_status_next_attempt_at ON stripe_events (status, next_attempt_at);
                CREATE INDEX ix_stripe_events_received_at ON stripe_events (received_at);
                CREATE INDEX ix_stripe_events_processed_at ON stripe_events (processed_at);
                """),
    ];
}
