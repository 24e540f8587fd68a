using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Media.Library;

internal sealed class MediaLibraryModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<MediaAsset>(entity =>
    {
        entity.ToTable("media_assets");
        entity.HasKey(a => a.Id);
        entity.HasIndex(a => a.Key);
        entity.Property(a => a.Name).HasMaxLength(200);
        entity.Ignore(a => a.Url);
    });
}

internal sealed class MediaLibraryMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0050-media-assets",
            Sqlite: """
                CREATE TABLE media_assets (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, content_type TEXT NOT NULL,
                    length INTEGER NOT NULL, alt_text TEXT NOT NULL, uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL);
                CREATE INDEX ix_media_assets_key ON media_assets (key);
                """,
            Postgres: """
                CREATE TABLE media_assets (id UUID NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, key TEXT NOT NULL, content_type TEXT NOT NULL,
                    length BIGINT NOT NULL, alt_text TEXT NOT NULL, uploaded_at TIMESTAMPTZ NOT NULL, uploaded_by TEXT NOT NULL);
                CREATE INDEX ix_media_assets_key ON media_assets (key);
                """),
    ];
}
