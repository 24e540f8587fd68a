namespace Storefront.Core.Security;

/// <summary>A Data Protection key ring entry, kept in the database so every instance shares it and a restart keeps it.</summary>
public sealed class DataProtectionKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }

    public required DateTime CreatedAt { get; set; }
}
