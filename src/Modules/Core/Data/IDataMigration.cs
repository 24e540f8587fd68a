namespace Storefront.Core.Data;

/// <summary>
/// One schema change, written by hand for each provider (EF's design-time tooling cannot be
/// restored here). Ids are applied in ordinal order and never edited once released.
/// </summary>
public sealed record MigrationStep(string Id, string Sqlite, string Postgres);

/// <summary>The ordered schema steps a module owns.</summary>
public interface IDataMigration
{
    IReadOnlyList<MigrationStep> Steps { get; }
}
