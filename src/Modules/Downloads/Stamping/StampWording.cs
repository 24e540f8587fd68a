using Storefront.Core.Privacy;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Which wording a copy is stamped with: an explicit <c>Downloads__Stamping__Template</c> wins over the privacy options;
/// otherwise the product's option, else the shop's. An erased buyer's copy always shows the licence code only.
/// </summary>
public static class StampWording
{
    public static string ForCopy(StampingOptions options, StampPrivacy? product, string buyerEmail) =>
        ErasedBuyer.IsErased(buyerEmail) ? StampTemplate.CodeOnly
        : options.Template ?? StampTemplate.For(product ?? options.Privacy);

    /// <summary>The footer line of a copy, as stamped; a copy's entity tag is computed from the same line.</summary>
    public static string LineFor(StampingOptions options, StampRequest request) =>
        StampTemplate.Render(request.Template ?? ForCopy(options, request.Privacy, request.BuyerEmail), request);

    /// <summary>
    /// Every wording a copy may have been stamped with: the option a copy had is not stored, and the shop's or the
    /// product's choice may have changed since, so the trace tries them all.
    /// </summary>
    public static IEnumerable<string> All(StampingOptions options) =>
        new[] { options.Template }.OfType<string>().Concat(Enum.GetValues<StampPrivacy>().Select(StampTemplate.For)).Distinct(StringComparer.Ordinal);
}
