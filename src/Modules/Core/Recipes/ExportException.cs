namespace Storefront.Core.Recipes;

/// <summary>
/// An export that cannot be completed for a reason the operator can act on (a stored file missing from
/// storage). The message says which item and file; the CLI prints it, the settings page shows it.
/// </summary>
public sealed class ExportException(string message) : Exception(message);
