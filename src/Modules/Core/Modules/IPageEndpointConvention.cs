using Microsoft.AspNetCore.Builder;

namespace Storefront.Core.Modules;

/// <summary>
/// A module's rule for every Razor page endpoint of every module (the host applies them all when it
/// maps the pages). Page-model attributes are added later and win, so <c>[AllowAnonymous]</c> on a
/// page still opts it out.
/// </summary>
public interface IPageEndpointConvention
{
    void Apply(EndpointBuilder endpoint);
}
