using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>Spellings that mean the same column to the database, so only real differences are reported.</summary>
public static partial class StoreTypes
{
    public static string Normalize(Db db, string type) => db == Db.Sqlite ? SqliteAffinity(type) : PostgresType(type);

    /// <summary>
    /// SQLite stores by affinity, derived from the declared type by its documented rules (section 3.1 of
    /// "Datatypes In SQLite"): BIGINT and INTEGER behave the same, TEXT and VARCHAR(20) too.
    /// </summary>
    private static string SqliteAffinity(string type)
    {
        var upper = type.ToUpperInvariant();
        return upper.Contains("INT") ? "INTEGER"
            : upper.Contains("CHAR") || upper.Contains("CLOB") || upper.Contains("TEXT") ? "TEXT"
            : upper.Length == 0 || upper.Contains("BLOB") ? "BLOB"
            : upper.Contains("REAL") || upper.Contains("FLOA") || upper.Contains("DOUB") ? "REAL"
            : "NUMERIC";
    }

    private static string PostgresType(string type)
    {
        var lower = Whitespace().Replace(type.Trim().ToLowerInvariant(), " ").Replace(", ", ",");
        return lower switch
        {
            "int4" or "int" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            "timestamptz" => "timestamp with time zone",
            "timestamp" => "timestamp without time zone",
            _ when lower.StartsWith("varchar", StringComparison.Ordinal) => "character varying" + lower["varchar".Length..],
            _ => lower,
        };
    }

    /// <summary>Defaults and filters as text: quoting, casts, parentheses and case differ between what was written and what is stored.</summary>
    public static string? NormalizeExpression(string? sql)
    {
        if (sql is null)
        {
            return null;
        }

        var text = Cast().Replace(sql, "");
        text = text.Replace("\"", "").Replace("[", "").Replace("]", "").Replace("`", "").Replace("(", "").Replace(")", "");
        return Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // PostgreSQL stores 'x'::text and 0::bigint; the cast is its own spelling of the same literal.
    [GeneratedRegex(@"::(character varying|timestamp with time zone|timestamp without time zone|double precision|[a-z_0-9]+)(\(\d+(,\d+)?\))?(\[\])?", RegexOptions.IgnoreCase)]
    private static partial Regex Cast();
}
