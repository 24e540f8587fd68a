using Storefront.Core.Data;

namespace Storefront.Users.Data;

/// <summary>
/// Identity's tables, and the two built-in roles with fixed ids so every database names them alike.
/// A role's granted permissions are role claims of type <c>permission</c>.
/// SQLite keeps Guids as upper-case text, which is how EF Core writes and compares them there.
/// </summary>
internal sealed class UsersMigrations : IDataMigration
{
    public const string AdministratorRoleId = "0193a0c0-0000-7000-8000-000000000001";
    public const string EditorRoleId = "0193a0c0-0000-7000-8000-000000000002";

    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0500-users-identity",
            Sqlite: $"""
                CREATE TABLE users (
                    id TEXT NOT NULL PRIMARY KEY, user_name TEXT NULL, normalized_user_name TEXT NULL, email TEXT NULL,
                    normalized_email TEXT NULL, email_confirmed INTEGER NOT NULL, password_hash TEXT NULL, security_stamp TEXT NULL,
                    concurrency_stamp TEXT NULL, phone_number TEXT NULL, phone_number_confirmed INTEGER NOT NULL,
                    two_factor_enabled INTEGER NOT NULL, lockout_end TEXT NULL, lockout_enabled INTEGER NOT NULL,
                    access_failed_count INTEGER NOT NULL, created_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_users_normalized_user_name ON users (normalized_user_name);
                CREATE INDEX ix_users_normalized_email ON users (normalized_email);
                CREATE TABLE roles (id TEXT NOT NULL PRIMARY KEY, name TEXT NULL, normalized_name TEXT NULL, concurrency_stamp TEXT NULL);
                CREATE UNIQUE INDEX ix_roles_normalized_name ON roles (normalized_name);
                CREATE TABLE user_roles (
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
                    PRIMARY KEY (user_id, role_id));
                CREATE INDEX ix_user_roles_role_id ON user_roles (role_id);
                CREATE TABLE user_claims (
                    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    claim_type TEXT NULL, claim_value TEXT NULL);
                CREATE INDEX ix_user_claims_user_id ON user_claims (user_id);
                CREATE TABLE role_claims (
                    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
                    claim_type TEXT NULL, claim_value TEXT NULL);
                CREATE INDEX ix_role_claims_role_id ON role_claims (role_id);
                CREATE TABLE user_logins (
                    login_provider TEXT NOT NULL, provider_key TEXT NOT NULL, provider_display_name TEXT NULL,
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, PRIMARY KEY (login_provider, provider_key));
                CREATE INDEX ix_user_logins_user_id ON user_logins (user_id);
                CREATE TABLE user_tokens (
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, login_provider TEXT NOT NULL, name TEXT NOT NULL,
                    value TEXT NULL, PRIMARY KEY (user_id, login_provider, name));
                INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
                    ('{AdministratorRoleId.ToUpperInvariant()}', 'Administrator', 'ADMINISTRATOR', 'builtin-administrator'),
                    ('{EditorRoleId.ToUpperInvariant()}', 'Editor', 'EDITOR', 'builtin-editor');
                """,
            Postgres: $"""
                CREATE TABLE users (
                    id UUID NOT NULL PRIMARY KEY, user_name VARCHAR(256) NULL, normalized_user_name VARCHAR(256) NULL, email VARCHAR(256) NULL,
                    normalized_email VARCHAR(256) NULL, email_confirmed BOOLEAN NOT NULL, password_hash TEXT NULL, security_stamp TEXT NULL,
                    concurrency_stamp TEXT NULL, phone_number TEXT NULL, phone_number_confirmed BOOLEAN NOT NULL,
                    two_factor_enabled BOOLEAN NOT NULL, lockout_end TIMESTAMPTZ NULL, lockout_enabled BOOLEAN NOT NULL,
                    access_failed_count INTEGER NOT NULL, created_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_users_normalized_user_name ON users (normalized_user_name);
                CREATE INDEX ix_users_normalized_email ON users (normalized_email);
                CREATE TABLE roles (id UUID NOT NULL PRIMARY KEY, name VARCHAR(256) NULL, normalized_name VARCHAR(256) NULL, concurrency_stamp TEXT NULL);
                CREATE UNIQUE INDEX ix_roles_normalized_name ON roles (normalized_name);
                CREATE TABLE user_roles (
                    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    role_id UUID NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
                    PRIMARY KEY (user_id, role_id));
                CREATE INDEX ix_user_roles_role_id ON user_roles (role_id);
                CREATE TABLE user_claims (
                    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    claim_type TEXT NULL, claim_value TEXT NULL);
                CREATE INDEX ix_user_claims_user_id ON user_claims (user_id);
                CREATE TABLE role_claims (
                    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, role_id UUID NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
                    claim_type TEXT NULL, claim_value TEXT NULL);
                CREATE INDEX ix_role_claims_role_id ON role_claims (role_id);
                CREATE TABLE user_logins (
                    login_provider TEXT NOT NULL, provider_key TEXT NOT NULL, provider_display_name TEXT NULL,
                    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE, PRIMARY KEY (login_provider, provider_key));
                CREATE INDEX ix_user_logins_user_id ON user_logins (user_id);
                CREATE TABLE user_tokens (
                    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE, login_provider TEXT NOT NULL, name TEXT NOT NULL,
                    value TEXT NULL, PRIMARY KEY (user_id, login_provider, name));
                INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
                    ('{AdministratorRoleId}', 'Administrator', 'ADMINISTRATOR', 'builtin-administrator'),
                    ('{EditorRoleId}', 'Editor', 'EDITOR', 'builtin-editor');
                """),
        new("0510-users-role-permissions-edited-at",
            Sqlite: "ALTER TABLE roles ADD COLUMN permissions_edited_at TEXT NULL",
            Postgres: "ALTER TABLE roles ADD COLUMN permissions_edited_at TIMESTAMPTZ NULL"),
        new("0520-users-sign-in-failures",
            Sqlite: """
                CREATE TABLE sign_in_failures (
                    normalized_email TEXT NOT NULL, client TEXT NOT NULL, failures INTEGER NOT NULL,
                    window_ends_at TEXT NOT NULL, locked_until TEXT NULL, PRIMARY KEY (normalized_email, client));
                CREATE INDEX ix_sign_in_failures_window_ends_at ON sign_in_failures (window_ends_at);
                """,
            Postgres: """
                CREATE TABLE sign_in_failures (
                    normalized_email VARCHAR(256) NOT NULL, client VARCHAR(64) NOT NULL, failures INTEGER NOT NULL,
                    window_ends_at TIMESTAMPTZ NOT NULL, locked_until TIMESTAMPTZ NULL, PRIMARY KEY (normalized_email, client));
                CREATE INDEX ix_sign_in_failures_window_ends_at ON sign_in_failures (window_ends_at);
                """),
    ];
}
