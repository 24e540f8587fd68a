namespace Storefront.Catalog.Models;

/// <summary>Where a reserved unit of a limited edition stands; it only moves from <see cref="Held"/> to one of the others.</summary>
public static class StockReservationStates
{
    public const string Held = "held";

    public const string Sold = "sold";

    public const string Released = "released";
}

/// <summary>One unit of a limited edition taken out of stock for one order while its checkout is open, then sold or given back.</summary>
public sealed class StockReservation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public string State { get; set; } = StockReservationStates.Held;

    public required DateTime CreatedAt { get; set; }

    /// <summary>When the unit was sold or given back.</summary>
    public DateTime? SettledAt { get; set; }
}
