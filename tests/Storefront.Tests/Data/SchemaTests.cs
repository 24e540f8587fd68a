using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

public sealed class SchemaTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheMigratedSchemaMatchesTheModelColumnByColumn(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);

        var differences = await app.WithDbAsync(async context =>
            SchemaComparison.Differences(ModelSchema.Read(context, db), await LiveSchema.ReadAsync(context, db)));

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheCheckNamesEveryKindOfDriftOnAFreshDatabase(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var model = await app.WithDbAsync(context => Task.FromResult(ModelSchema.Read(context, db)));
        var slugIndex = model["products"].Indexes.Single(i => i.Columns == "slug");
        var index = await app.WithDbAsync(context => IndexNameAsync(context, db, "products", "slug"));

        await app.WithDbAsync(async context =>
        {
            await context.Database.ExecuteSqlRawAsync("ALTER TABLE products ADD COLUMN rogue TEXT");
            // The index name was read from the catalogue a moment ago, not taken from input.
#pragma warning disable EF1003
            await context.Database.ExecuteSqlRawAsync("DROP INDEX " + index);
#pragma warning restore EF1003
            await context.Database.ExecuteSqlRawAsync("CREATE INDEX ix_products_title ON products (title)");
            if (db == Db.Postgres)
            {
                await context.Database.ExecuteSqlRawAsync("ALTER TABLE pages ALTER COLUMN title DROP NOT NULL");
                await context.Database.ExecuteSqlRawAsync("ALTER TABLE pages ALTER COLUMN navigation_order TYPE bigint");
                await context.Database.ExecuteSqlRawAsync("ALTER TABLE pages ALTER COLUMN body SET DEFAULT 'x'");
                await context.Database.ExecuteSqlRawAsync("""
                    DO $$ BEGIN
                        EXECUTE (SELECT 'ALTER TABLE user_roles DROP CONSTRAINT ' || conname FROM pg_constraint
                                 WHERE conrelid = 'user_roles'::regclass AND contype = 'f' AND confrelid = 'users'::regclass);
                    END $$;
                    ALTER TABLE user_roles ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE NO ACTION;
                    """);
            }

            return 0;
        });
        var differences = await app.WithDbAsync(async context => SchemaComparison.Differences(model, await LiveSchema.ReadAsync(context, db)));

        List<string> expected =
        [
            "products.rogue: column is not in the model",
            $"products: index (slug) is missing: model {slugIndex}",
            "products: index (title) is not in the model: IndexShape { Columns = title, Unique = False, Filter =  }",
        ];
        if (db == Db.Postgres)
        {
            expected.AddRange(
            [
                "pages.title: nullable, model not null",
                "pages.navigation_order: type bigint, model integer",
                "pages.body: default 'x', model none",
                "user_roles: foreign key (user_id) is ForeignKeyShape { Columns = user_id, PrincipalTable = users, PrincipalColumns = id, OnDelete = NO ACTION }, "
                    + "model ForeignKeyShape { Columns = user_id, PrincipalTable = users, PrincipalColumns = id, OnDelete = CASCADE }",
            ]);
        }

        Assert.Equal(expected.Order(), differences.Order());
    }

    private static async Task<string> IndexNameAsync(DbContext context, Db db, string table, string column)
    {
        var sql = db == Db.Sqlite
            ? $"SELECT il.name AS \"Value\" FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii WHERE ii.name = '{column}' AND il.origin <> 'pk'"
            : $"SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = '{table}' AND indexdef LIKE '%({column})%'";
        // Names are the test's own constants, not input.
        return await context.Database.SqlQueryRaw<string>(sql).SingleAsync();
    }
}
