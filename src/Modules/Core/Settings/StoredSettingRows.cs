using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>One row of <c>site_settings</c> as stored (a protected value is still encrypted).</summary>
public sealed record StoredSettingRow(string Key, string Value, bool Protected);

/// <summary>
/// Reads <c>site_settings</c> with a plain ADO.NET connection: the configuration chain is built before the service
/// provider (and so before EF Core) exists, and a failed query on a first start is expected, not an error to log.
/// </summary>
public sealed class StoredSettingRows(DatabaseProvider provider, string connectionString)
{
    public IReadOnlyList<StoredSettingRow> ReadAll()
    {
        using var connection = Connect();
        if (connection is null)
        {
            return [];
        }

        connection.Open();
        try
        {
            return Query(connection, "SELECT key, value, protected FROM site_settings");
        }
        catch (DbException)
        {
            // A database from before migration 0003 has no protected column yet; its secrets carry the old prefix.
            return Query(connection, "SELECT key, value FROM site_settings");
        }
    }

    private static List<StoredSettingRow> Query(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<StoredSettingRow>();
        while (reader.Read())
        {
            rows.Add(new(reader.GetString(0), reader.GetString(1), reader.FieldCount > 2 && Convert.ToBoolean(reader.GetValue(2))));
        }

        return rows;
    }

    /// <summary>Null without a database to read, and when the SQLite file does not exist yet: reading must not create an empty database.</summary>
    private DbConnection? Connect()
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            return new NpgsqlConnection(connectionString);
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.Mode != SqliteOpenMode.Memory && sqlite.DataSource is { Length: > 0 } file && file != ":memory:" && !File.Exists(file))
        {
            return null;
        }

        if (sqlite.DefaultTimeout < 30)
        {
            sqlite.DefaultTimeout = 30;
        }

        return new SqliteConnection(sqlite.ToString());
    }
}
