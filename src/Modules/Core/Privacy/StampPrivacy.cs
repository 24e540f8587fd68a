namespace Storefront.Core.Privacy;

/// <summary>
/// What the visible stamp of a buyer's copy shows. The invisible fingerprint is the same for all three: it always links
/// the copy to its order. Catalog keeps a product's choice; Downloads keeps the shop's default and stamps.
/// </summary>
public enum StampPrivacy
{
    /// <summary>The buyer's name and the licence code (the default): enough to deter sharing, without the email address.</summary>
    NameAndCode,

    /// <summary>The buyer's name and email address with the licence code.</summary>
    NameAndEmail,

    /// <summary>The licence code only: nobody reading the copy learns who bought it.</summary>
    CodeOnly,
}
