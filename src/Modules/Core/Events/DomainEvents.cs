using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Events;

/// <summary>A module's reaction to another module's event, registered as a scoped service.</summary>
public interface IDomainEventHandler<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every handler of an event in the publisher's own scope, so the handlers share its data context and
/// open transaction: what they stage commits or rolls back with the publisher's change, exactly once.
/// </summary>
public sealed class DomainEvents(IServiceProvider services)
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.HandleAsync(domainEvent, cancellationToken);
        }
    }
}
