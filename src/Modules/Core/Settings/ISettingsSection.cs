namespace Storefront.Core.Settings;

public enum SettingInput
{
    Text,
    Email,
    Number,
    Lines,
    Choice,
    Secret,
}

/// <summary>An option of a <see cref="SettingInput.Choice"/> field, with the words that help choose it.</summary>
public sealed record SettingChoice(string Value, string Description);

/// <summary>
/// One field of a settings section, stored under its configuration key. A secret is stored encrypted, never shown,
/// and replaced only when a new value is typed.
/// </summary>
public sealed record SettingField(string Name, string Label, string ConfigurationKey, SettingInput Input = SettingInput.Text)
{
    /// <summary>How the "Saved:" message and the audit log name a change.</summary>
    public required string ChangeName { get; init; }

    /// <summary>Shown when nothing is stored.</summary>
    public string? Default { get; init; }

    /// <summary>The message for an empty field, when the field must not be empty.</summary>
    public string? Required { get; init; }

    /// <summary>Why a typed (trimmed, non-empty) value cannot be saved, in the owner's words; null when it can.</summary>
    public Func<string, string?>? Problem { get; init; }

    /// <summary>The typed value as it is stored (e.g. a theme name in the installed theme's spelling).</summary>
    public Func<string, string>? Normalise { get; init; }

    public int? Min { get; init; }

    public int? Max { get; init; }

    public IReadOnlyList<SettingChoice> Choices { get; init; } = [];

    public string EnvironmentKey => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>What a section may stage beside its own fields when the page is saved.</summary>
public sealed record SettingsSave(
    IReadOnlyDictionary<string, string> TypedSecrets,
    Func<string, CancellationToken, Task<string?>> StoredAsync,
    Func<string, string, bool, CancellationToken, Task<bool>> StageAsync,
    DateTimeOffset Now);

/// <summary>
/// A module's part of <c>/admin/settings</c>. Each module registers its own; a module switched off takes its section
/// with it. Values go through the configuration chain, so the environment still wins over what is saved here.
/// </summary>
public interface ISettingsSection
{
    string Title { get; }

    /// <summary>Sections are shown in this order.</summary>
    int Order { get; }

    string? Hint { get; }

    IReadOnlyList<SettingField> Fields { get; }

    /// <summary>
    /// Problems with the values as they would be in force after saving (configuration key → value, the environment
    /// winning), as (field name or "" for the section, message).
    /// </summary>
    IEnumerable<(string Field, string Message)> Validate(IReadOnlyDictionary<string, string?> candidate) => [];

    Task OnSavingAsync(SettingsSave save, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A file uploaded from the settings page (the logo), stored by the module that owns it.</summary>
public interface ISettingsUpload
{
    string Title { get; }

    string Label { get; }

    string Accept { get; }

    string ConfigurationKey { get; }

    /// <summary>Stores the file; returns the value to store under <see cref="ConfigurationKey"/>, or the reason it was refused.</summary>
    Task<(string? Value, string? Problem)> StoreAsync(Stream content, long length, string fileName, CancellationToken cancellationToken);

    /// <summary>The public address of a stored value, to show it.</summary>
    string UrlOf(string value);
}

/// <summary>The recipe export offered on the settings page, by the module that composes it.</summary>
public interface ISiteExport
{
    /// <summary>The zip, or the reason it could not be made.</summary>
    Task<(byte[]? Zip, string? Problem)> ExportZipAsync(CancellationToken cancellationToken);
}
