namespace Storefront.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Database__Provider</c> and <c>ConnectionStrings__Storefront</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Used when no connection string is configured: a SQLite file under the data folder.</summary>
    public const string DefaultSqliteConnection = "Data Source=data/storefront.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";
}
