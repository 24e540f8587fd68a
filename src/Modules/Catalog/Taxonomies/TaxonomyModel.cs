using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Taxonomies;

internal sealed class TaxonomyModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TaxonomyTerm>(entity =>
        {
            entity.ToTable("taxonomy_terms");
            entity.HasKey(t => t.Id);
            // Categories and tags have separate addresses, so each kind keeps its own slugs.
            entity.HasIndex(t => new { t.Kind, t.Slug }).IsUnique();
            entity.HasIndex(t => t.ParentId);
            entity.Property(t => t.Kind).HasMaxLength(10);
            entity.Property(t => t.Slug).HasMaxLength(Slugs.MaxLength);
            entity.Property(t => t.Name).HasMaxLength(TermKinds.NameLength);
            entity.Ignore(t => t.Path);
            SeoLimits.Configure(entity);
        });
        modelBuilder.Entity<ProductTerm>(entity =>
        {
            entity.ToTable("product_terms");
            entity.HasKey(l => new { l.ProductId, l.TermId });
            entity.HasIndex(l => l.TermId);
        });
    }
}

internal sealed class TaxonomyMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0160-catalog-taxonomies",
            Sqlite: """
                CREATE TABLE taxonomy_terms (id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, parent_id TEXT NULL, slug TEXT NOT NULL, name TEXT NOT NULL,
                    description TEXT NOT NULL, position INTEGER NOT NULL, seo_title TEXT NULL, seo_description TEXT NULL, social_image TEXT NULL,
                    canonical_url TEXT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_taxonomy_terms_kind_slug ON taxonomy_terms (kind, slug);
                CREATE INDEX ix_taxonomy_terms_parent_id ON taxonomy_terms (parent_id);
                CREATE TABLE product_terms (product_id TEXT NOT NULL, term_id TEXT NOT NULL, PRIMARY KEY (product_id, term_id));
                CREATE INDEX ix_product_terms_term_id ON product_terms (term_id);
                """,
            Postgres: """
                CREATE TABLE taxonomy_terms (id UUID NOT NULL PRIMARY KEY, kind VARCHAR(10) NOT NULL, parent_id UUID NULL, slug VARCHAR(100) NOT NULL,
                    name VARCHAR(200) NOT NULL, description TEXT NOT NULL, position INTEGER NOT NULL, seo_title VARCHAR(70) NULL,
                    seo_description VARCHAR(160) NULL, social_image VARCHAR(2000) NULL, canonical_url VARCHAR(2000) NULL,
                    created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_taxonomy_terms_kind_slug ON taxonomy_terms (kind, slug);
                CREATE INDEX ix_taxonomy_terms_parent_id ON taxonomy_terms (parent_id);
                CREATE TABLE product_terms (product_id UUID NOT NULL, term_id UUID NOT NULL, PRIMARY KEY (product_id, term_id));
                CREATE INDEX ix_product_terms_term_id ON product_terms (term_id);
                """),
    ];
}
