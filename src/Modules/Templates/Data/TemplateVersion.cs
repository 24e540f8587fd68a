namespace Storefront.Templates.Data;

/// <summary>
/// One saved state of a named template. Versions are only ever added: the newest is the one in use, and restoring or
/// resetting adds a version too, so the history says who changed what when. A null body means the built-in.
/// </summary>
public sealed class TemplateVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public int Version { get; set; }

    public string? Body { get; set; }

    /// <summary>"Saved", "Restored version 2", "Reset to the built-in", "Imported from a recipe".</summary>
    public string Note { get; set; } = "";

    public string SavedBy { get; set; } = "";

    public DateTime SavedAt { get; set; }
}
