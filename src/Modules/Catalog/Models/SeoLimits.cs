using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Catalog.Models;

/// <summary>The lengths search engines show in full; longer text would be cut off mid-word in a result.</summary>
public static class SeoLimits
{
    public const int TitleLength = 70;

    public const int DescriptionLength = 160;

    public const int UrlLength = 2000;

    internal static void Configure<T>(EntityTypeBuilder<T> entity) where T : class, ISeoItem
    {
        entity.Property(e => e.SeoTitle).HasMaxLength(TitleLength);
        entity.Property(e => e.SeoDescription).HasMaxLength(DescriptionLength);
        entity.Property(e => e.SocialImage).HasMaxLength(UrlLength);
        entity.Property(e => e.CanonicalUrl).HasMaxLength(UrlLength);
    }
}
