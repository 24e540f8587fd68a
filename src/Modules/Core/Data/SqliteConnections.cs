using Microsoft.Data.Sqlite;

namespace Storefront.Core.Data;

internal static class SqliteConnections
{
    /// <summary>
    /// Creates the database file's folder (a fresh checkout has no data folder) and asks for a
    /// busy timeout so concurrent writers wait for each other instead of failing at once.
    /// </summary>
    public static string Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
