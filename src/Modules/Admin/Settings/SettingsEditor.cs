using Microsoft.Extensions.Configuration;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Admin.Settings;

/// <summary>
/// Loads, checks and saves the settings page, composed of the sections the enabled modules registered. Every save is
/// one unit of work with its audit entry; the configuration re-reads the stored settings as soon as it is committed,
/// so a change applies on this instance at once (and on the others at their next poll).
/// </summary>
public sealed class SettingsEditor(
    IEnumerable<ISettingsSection> sections, StorefrontDbContext db, SiteSettingsStore store, SecretSettings secrets,
    ConfigurationLayers layers, IConfiguration configuration, AuditLog audit, TimeProvider time)
{
    public IReadOnlyList<ISettingsSection> Sections { get; } = [.. sections.OrderBy(s => s.Order)];

    private IEnumerable<SettingField> Fields => Sections.SelectMany(s => s.Fields);

    /// <summary>What the admin stored for each field (field name → text); secrets are never loaded.</summary>
    public async Task<Dictionary<string, string?>> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.StoredPlainValuesAsync(cancellationToken);
        return Fields.Where(f => f.Input != SettingInput.Secret)
            .ToDictionary(f => f.Name, f => stored.GetValueOrDefault(f.ConfigurationKey) is { Length: > 0 } value ? value : f.Default);
    }

    /// <summary>Which secrets have a stored value; the values themselves never leave this class.</summary>
    public Task<HashSet<string>> StoredSecretsAsync(CancellationToken cancellationToken) => store.StoredSecretKeysAsync(cancellationToken);

    /// <summary>
    /// Field by field first (every typed value, even one the environment overrides for now), then each section's
    /// check on the values as they would be in force after saving.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Problems(IReadOnlyDictionary<string, string?> typed)
    {
        var problems = new List<(string Field, string Message)>();
        foreach (var field in Fields.Where(f => f.Input != SettingInput.Secret))
        {
            var value = Typed(typed, field);
            if ((value.Length == 0 ? field.Required : field.Problem?.Invoke(value)) is { } problem)
            {
                problems.Add((field.Name, problem));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var candidate = Fields.ToDictionary(f => f.ConfigurationKey, f => Candidate(typed, f));
        return [.. Sections.SelectMany(s => s.Validate(candidate))];
    }

    public async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyDictionary<string, string?> typed, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        var typedSecrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var value = Typed(typed, field);
            if (field.Input != SettingInput.Secret)
            {
                // Stored even while the environment sets the key (it wins meanwhile), so an owner can move a value from the
                // environment into the admin: store it here, then remove the variable.
                if (await store.StageAsync(field.ConfigurationKey, value, cancellationToken))
                {
                    changed.Add(field.ChangeName);
                }
            }
            else if (value.Length > 0)
            {
                // An empty field means "keep what is stored": secrets are never shown, so the form cannot echo them back.
                typedSecrets[field.ConfigurationKey] = value;
                changed.Add(field.ChangeName);
            }
        }

        var save = new SettingsSave(typedSecrets, store.GetStoredAsync,
            (key, value, isProtected, token) => store.StageAsync(key, value, token, isProtected), time.GetUtcNow());
        foreach (var section in Sections)
        {
            await section.OnSavingAsync(save, cancellationToken);
        }

        foreach (var (key, secret) in typedSecrets)
        {
            await store.StageAsync(key, secrets.Protect(secret), cancellationToken, isProtected: true);
        }

        if (changed.Count > 0)
        {
            audit.Record("settings.changed", "settings", string.Join(", ", changed));
            await db.SaveChangesAsync(cancellationToken);
        }

        return changed;
    }

    public async Task<string?> UploadAsync(ISettingsUpload upload, Stream content, long length, string fileName, CancellationToken cancellationToken)
    {
        var (value, problem) = await upload.StoreAsync(content, length, fileName, cancellationToken);
        if (value is null)
        {
            return problem;
        }

        await store.StageAsync(upload.ConfigurationKey, value, cancellationToken);
        audit.Record("settings.changed", "settings", upload.Title.ToLowerInvariant());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>A field as it will be stored: trimmed, normalised, empty for an empty field.</summary>
    private static string Typed(IReadOnlyDictionary<string, string?> typed, SettingField field)
    {
        var value = typed.GetValueOrDefault(field.Name)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        return value.Length > 0 && field.Normalise is { } normalise ? normalise(value) : value;
    }

    /// <summary>The value in force after saving: the environment's, else what was typed (a secret left empty keeps its value), else the layers below.</summary>
    private string? Candidate(IReadOnlyDictionary<string, string?> typed, SettingField field)
    {
        if (layers.EnvironmentValue(field.ConfigurationKey) is { } environment)
        {
            return environment;
        }

        var value = Typed(typed, field);
        return value.Length > 0 ? value
            : field.Input == SettingInput.Secret ? configuration[field.ConfigurationKey]
            : layers.BelowStored(field.ConfigurationKey);
    }
}
