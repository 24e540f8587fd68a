using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Core.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddStorefrontData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Configure(options =>
            {
                configuration.GetSection("Database").Bind(options);
                options.ConnectionString = configuration.GetConnectionString("Storefront") is { Length: > 0 } configured
                    ? configured
                    : options.Provider == DatabaseProvider.Sqlite ? DatabaseOptions.DefaultSqliteConnection : "";
            })
            .Validate(o => o.ConnectionString.Length > 0,
                "ConnectionStrings:Storefront (env ConnectionStrings__Storefront) is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        services.AddDbContext<StorefrontDbContext>((provider, builder) =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.Provider == DatabaseProvider.Postgres)
            {
                builder.UseNpgsql(options.ConnectionString);
            }
            else
            {
                builder.UseSqlite(SqliteConnections.Prepare(options.ConnectionString)).AddInterceptors(new SqliteBusyTimeout());
            }

            builder.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
            // A failed save or command is logged by EF Core as an error before its exception reaches the code that called
            // it, which may expect it (a unique index losing a race is how two editors' saves are told apart). The exception
            // still propagates: one nobody handles is logged as an error where it ends.
            builder.ConfigureWarnings(warnings => warnings.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Warning), (RelationalEventId.CommandError, LogLevel.Warning)));
            // The hand-written migrations for both providers use the same snake_case names.
            builder.UseSnakeCaseNamingConvention();
            builder.ReplaceService<IModelCacheKeyFactory, ContributorModelCacheKeyFactory>();
        });
        services.AddScoped<DataMigrator>();
        services.AddSingleton<StartupBarrier>();
        return services;
    }
}
