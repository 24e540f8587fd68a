using Microsoft.EntityFrameworkCore;

namespace Storefront.Core.Data;

/// <summary>
/// A module adds its entities to the shared model through one of these, so the data context
/// never references feature modules and a switched-off module leaves no entities behind.
/// </summary>
public interface IEntityModelContributor
{
    void Contribute(ModelBuilder modelBuilder);
}
