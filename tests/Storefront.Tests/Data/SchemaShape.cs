namespace Storefront.Tests.Data;

/// <summary>One table as both sides describe it: the EF model and the database the migrations built.</summary>
public sealed record TableShape(
    string Name,
    IReadOnlyDictionary<string, ColumnShape> Columns,
    string PrimaryKey,
    IReadOnlyList<IndexShape> Indexes,
    IReadOnlyList<ForeignKeyShape> ForeignKeys);

public sealed record ColumnShape(string Name, string Type, bool Nullable, string? Default);

/// <summary>Indexes are matched by their columns: a name is a label, the columns are what queries and uniqueness rely on.</summary>
public sealed record IndexShape(string Columns, bool Unique, string? Filter);

public sealed record ForeignKeyShape(string Columns, string PrincipalTable, string PrincipalColumns, string OnDelete);
