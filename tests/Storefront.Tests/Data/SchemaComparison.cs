namespace Storefront.Tests.Data;

/// <summary>Every difference between the EF model and the live schema, one line each, named by table or table.column.</summary>
public static class SchemaComparison
{
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, TableShape> model, IReadOnlyDictionary<string, TableShape> live)
    {
        var differences = new List<string>();
        foreach (var name in live.Keys.Except(model.Keys))
        {
            differences.Add($"{name}: table is not in the model");
        }

        foreach (var expected in model.Values)
        {
            if (!live.TryGetValue(expected.Name, out var actual))
            {
                differences.Add($"{expected.Name}: table is missing");
                continue;
            }

            CompareColumns(expected, actual, differences);
            if (expected.PrimaryKey != actual.PrimaryKey)
            {
                differences.Add($"{expected.Name}: primary key ({actual.PrimaryKey}), model ({expected.PrimaryKey})");
            }

            Compare(expected.Name, "index", expected.Indexes, actual.Indexes, i => i.Columns, differences);
            Compare(expected.Name, "foreign key", expected.ForeignKeys, actual.ForeignKeys, f => f.Columns, differences);
        }

        return differences;
    }

    private static void CompareColumns(TableShape expected, TableShape actual, List<string> differences)
    {
        foreach (var name in actual.Columns.Keys.Except(expected.Columns.Keys))
        {
            differences.Add($"{expected.Name}.{name}: column is not in the model");
        }

        foreach (var column in expected.Columns.Values)
        {
            var where = $"{expected.Name}.{column.Name}";
            if (!actual.Columns.TryGetValue(column.Name, out var live))
            {
                differences.Add($"{where}: column is missing");
                continue;
            }

            if (live.Type != column.Type)
            {
                differences.Add($"{where}: type {live.Type}, model {column.Type}");
            }

            if (live.Nullable != column.Nullable)
            {
                differences.Add($"{where}: {Nullability(live.Nullable)}, model {Nullability(column.Nullable)}");
            }

            if (live.Default != column.Default)
            {
                differences.Add($"{where}: default {live.Default ?? "none"}, model {column.Default ?? "none"}");
            }
        }
    }

    /// <summary>Matched by columns; two shapes on the same columns (say a unique and a plain index) are compared in order.</summary>
    private static void Compare<T>(string table, string kind, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> columns, List<string> differences)
        where T : notnull
    {
        foreach (var group in expected.Concat(actual).Select(columns).Distinct())
        {
            var wanted = expected.Where(e => columns(e) == group).ToList();
            var found = actual.Where(a => columns(a) == group).ToList();
            foreach (var missing in wanted.Except(found))
            {
                var near = found.Except(wanted).FirstOrDefault();
                differences.Add(near is null ? $"{table}: {kind} ({group}) is missing: model {missing}" : $"{table}: {kind} ({group}) is {near}, model {missing}");
            }

            foreach (var extra in found.Except(wanted).Skip(wanted.Except(found).Count()))
            {
                differences.Add($"{table}: {kind} ({group}) is not in the model: {extra}");
            }
        }
    }

    private static string Nullability(bool nullable) => nullable ? "nullable" : "not null";
}
