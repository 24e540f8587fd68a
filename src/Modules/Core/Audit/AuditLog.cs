using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Audit;

/// <summary>
/// Records admin actions. <see cref="Record"/> stages the entry in the caller's unit of work, so the
/// entry is saved exactly when the action is: an action that fails leaves no entry claiming it happened.
/// </summary>
public sealed class AuditLog(StorefrontDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string target, string? details = null)
    {
        var user = http.HttpContext?.User;
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.Name ?? "system",
            Action = action,
            Target = target,
            Details = details,
        });
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<AuditEntry>().CountAsync(cancellationToken);

    /// <summary>One page of the log, newest first.</summary>
    public Task<List<AuditEntry>> PageAsync(int skip, int take, CancellationToken cancellationToken) =>
        db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);

    public Task<List<AuditEntry>> LatestAsync(int take, CancellationToken cancellationToken) =>
        db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.At).Take(take).ToListAsync(cancellationToken);
}

internal sealed class AuditModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<AuditEntry>(entity =>
    {
        entity.ToTable("audit_entries");
        entity.HasKey(e => e.Id);
        entity.HasIndex(e => e.At);
    });
}

internal sealed class AuditMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0004-core-audit-entries",
            Sqlite: """
                CREATE TABLE audit_entries (id TEXT NOT NULL PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NULL, user_name TEXT NOT NULL,
                    action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NULL);
                CREATE INDEX ix_audit_entries_at ON audit_entries (at);
                """,
            Postgres: """
                CREATE TABLE audit_entries (id UUID NOT NULL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, user_id TEXT NULL, user_name TEXT NOT NULL,
                    action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NULL);
                CREATE INDEX ix_audit_entries_at ON audit_entries (at);
                """),
    ];
}
