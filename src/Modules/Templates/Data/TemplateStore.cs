using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Templates.Data;

/// <summary>
/// The saved versions of every template. Each change adds a version and an audit entry in the caller's unit of work,
/// so a change that is not saved leaves neither.
/// </summary>
public sealed class TemplateStore(StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The version in use, or null while the template has never been changed (the built-in is in use).</summary>
    public Task<TemplateVersion?> CurrentAsync(string name, CancellationToken cancellationToken) =>
        db.Set<TemplateVersion>().AsNoTracking().Where(v => v.Name == name).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The version in use of every template that was ever changed, by name.</summary>
    public async Task<Dictionary<string, TemplateVersion>> CurrentAllAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<TemplateVersion>().AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!, StringComparer.Ordinal);
    }

    /// <summary>Every version of a template, newest first.</summary>
    public Task<List<TemplateVersion>> HistoryAsync(string name, CancellationToken cancellationToken) =>
        db.Set<TemplateVersion>().AsNoTracking().Where(v => v.Name == name).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);

    /// <summary>
    /// Stages <paramref name="body"/> (null: the built-in) as the template's new version unless it is the one in use
    /// already; returns whether it staged anything.
    /// </summary>
    public async Task<bool> StageAsync(string name, string? body, string note, string savedBy, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(name, cancellationToken);
        if (current?.Body == body)
        {
            return false;
        }

        // Nothing saved yet and the built-in asked for: already so.
        if (current is null && body is null)
        {
            return false;
        }

        var version = new TemplateVersion
        {
            Name = name,
            Version = (current?.Version ?? 0) + 1,
            Body = body,
            Note = note,
            SavedBy = savedBy,
            SavedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(version);
        audit.Record(body is null ? "template.reset" : "template.saved", $"template {name}", $"version {version.Version}: {note}");
        return true;
    }

    public Task<TemplateVersion?> FindAsync(string name, int version, CancellationToken cancellationToken) =>
        db.Set<TemplateVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Name == name && v.Version == version, cancellationToken);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
