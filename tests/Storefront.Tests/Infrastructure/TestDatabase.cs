namespace Storefront.Tests.Infrastructure;

/// <summary>The two supported databases; integration tests run as theories over both.</summary>
public enum Db
{
    Sqlite,
    Postgres,
}

public static class TestDatabase
{
    public static readonly TheoryData<Db> Both = new() { Db.Sqlite, Db.Postgres };

    /// <summary>Settings for a fresh, empty database of the given kind.</summary>
    public static async Task<Dictionary<string, string?>> CreateAsync(Db db, TempFolder folder) => db switch
    {
        Db.Sqlite => new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Storefront"] = $"Data Source={folder.File("storefront.db")}",
        },
        _ => new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Storefront"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
        },
    };
}
