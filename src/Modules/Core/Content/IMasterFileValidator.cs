namespace Storefront.Core.Content;

/// <summary>The verdict on a file offered as a product's master.</summary>
public sealed record MasterFileVerdict(bool Accepted, string? Problem, IReadOnlyList<string> Warnings)
{
    public static readonly MasterFileVerdict Fine = new(true, null, []);
}

/// <summary>
/// Checks a master when an editor adds it (recipe import, upload), so a file buyers could not
/// receive is refused then, not when a buyer downloads it. The Downloads module provides it.
/// </summary>
public interface IMasterFileValidator
{
    Task<MasterFileVerdict> CheckAsync(string fileName, Stream content, CancellationToken cancellationToken);
}
