using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Media.Library;

internal sealed class MediaLibraryModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediaAsset>(entity =>
        {
            entity.ToTable("media_assets");
            entity.HasKey(a => a.Id);
            entity.HasIndex(a => a.Key);
            entity.HasIndex(a => a.FolderId);
            entity.Property(a => a.Name).HasMaxLength(200);
            entity.Property(a => a.Width).HasDefaultValue(0);
            entity.Property(a => a.Height).HasDefaultValue(0);
            entity.Ignore(a => a.Url);
        });
        modelBuilder.Entity<MediaFolder>(entity =>
        {
            entity.ToTable("media_folders");
            entity.HasKey(f => f.Id);
            entity.HasIndex(f => f.ParentId);
            entity.Property(f => f.Name).HasMaxLength(MediaFolder.MaxNameLength);
        });
    }
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
        // Existing images land at the top level with unknown sizes (0) and keep their alt text, empty or not.
        new("0051-media-folders-and-sizes",
            Sqlite: """
                CREATE TABLE media_folders (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT NULL, created_at TEXT NOT NULL);
                CREATE INDEX ix_media_folders_parent_id ON media_folders (parent_id);
                ALTER TABLE media_assets ADD COLUMN folder_id TEXT NULL;
                ALTER TABLE media_assets ADD COLUMN width INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE media_assets ADD COLUMN height INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX ix_media_assets_folder_id ON media_assets (folder_id);
                """,
            Postgres: """
                CREATE TABLE media_folders (id UUID NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, parent_id UUID NULL, created_at TIMESTAMPTZ NOT NULL);
                CREATE INDEX ix_media_folders_parent_id ON media_folders (parent_id);
                ALTER TABLE media_assets ADD COLUMN folder_id UUID NULL;
                ALTER TABLE media_assets ADD COLUMN width INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE media_assets ADD COLUMN height INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX ix_media_assets_folder_id ON media_assets (folder_id);
                """),
    ];
}
