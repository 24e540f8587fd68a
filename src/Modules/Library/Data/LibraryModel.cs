using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Library.Data;

/// <summary>
/// A sign-in link that was asked for. Only the SHA-256 of its token is kept, so a copy of the database signs nobody in;
/// the link is bound to the email it was asked for and works once, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class SignInLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string TokenHash { get; set; }

    /// <summary>Trimmed and lower-cased, as the library compares emails.</summary>
    public required string Email { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>Requests counted for one limit (a scope) and one subject (a hashed email or a client address) in one window.</summary>
public sealed class LibraryRequestCount
{
    public required string Scope { get; set; }

    public required string Subject { get; set; }

    public int Hits { get; set; }

    public DateTime WindowEndsAt { get; set; }
}

internal sealed class LibraryModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SignInLink>(entity =>
        {
            entity.ToTable("library_sign_in_links");
            entity.HasKey(l => l.Id);
            entity.HasIndex(l => l.TokenHash).IsUnique();
            entity.HasIndex(l => l.ExpiresAt);
        });
        modelBuilder.Entity<LibraryRequestCount>(entity =>
        {
            entity.ToTable("library_request_counts");
            entity.HasKey(c => new { c.Scope, c.Subject });
            entity.HasIndex(c => c.WindowEndsAt);
        });
    }
}

internal sealed class LibraryMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0600-library-sign-in",
            Sqlite: """
                CREATE TABLE library_sign_in_links (
                    id TEXT NOT NULL PRIMARY KEY, token_hash TEXT NOT NULL, email TEXT NOT NULL, created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL, used_at TEXT NULL);
                CREATE UNIQUE INDEX ix_library_sign_in_links_token_hash ON library_sign_in_links (token_hash);
                CREATE INDEX ix_library_sign_in_links_expires_at ON library_sign_in_links (expires_at);
                CREATE TABLE library_request_counts (
                    scope TEXT NOT NULL, subject TEXT NOT NULL, hits INTEGER NOT NULL, window_ends_at TEXT NOT NULL,
                    PRIMARY KEY (scope, subject));
                CREATE INDEX ix_library_request_counts_window_ends_at ON library_request_counts (window_ends_at);
                """,
            Postgres: """
                CREATE TABLE library_sign_in_links (
                    id UUID NOT NULL PRIMARY KEY, token_hash TEXT NOT NULL, email TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
                    expires_at TIMESTAMPTZ NOT NULL, used_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_library_sign_in_links_token_hash ON library_sign_in_links (token_hash);
                CREATE INDEX ix_library_sign_in_links_expires_at ON library_sign_in_links (expires_at);
                CREATE TABLE library_request_counts (
                    scope TEXT NOT NULL, subject TEXT NOT NULL, hits INTEGER NOT NULL, window_ends_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (scope, subject));
                CREATE INDEX ix_library_request_counts_window_ends_at ON library_request_counts (window_ends_at);
                """),
    ];
}
