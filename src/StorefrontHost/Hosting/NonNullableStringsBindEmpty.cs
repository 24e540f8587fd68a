using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Storefront.Host.Hosting;

/// <summary>
/// A form property declared <c>string</c> (not <c>string?</c>) binds an empty field as "" rather than null. The
/// binder turns empty text into null by default, which the nullable annotations cannot see: an editor that trims
/// such a property would throw on a field left empty instead of showing its message. The implicit required check of
/// non-nullable properties still reports the empty field.
/// </summary>
internal sealed class NonNullableStringsBindEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key is { MetadataKind: ModelMetadataKind.Property, PropertyInfo: { } property } && property.PropertyType == typeof(string)
            && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
