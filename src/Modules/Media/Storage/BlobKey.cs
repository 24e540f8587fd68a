using System.Diagnostics.CodeAnalysis;

namespace Storefront.Media.Storage;

/// <summary>
/// A relative, '/'-separated blob name. Built only through <see cref="TryCreate"/>, which refuses
/// anything that could leave its root: '..' or '.' segments, absolute paths, backslashes, empty
/// segments, control characters. Spaces and non-ASCII letters are fine.
/// </summary>
public readonly record struct BlobKey
{
    public const int MaxLength = 512;

    private BlobKey(string value) => Value = value;

    public string Value { get; }

    public IReadOnlyList<string> Segments => Value.Split('/');

    public override string ToString() => Value;

    public static BlobKey Parse(string value) => TryCreate(value, out var key, out var error)
        ? key
        : throw new ArgumentException(error, nameof(value));

    public static bool TryCreate(string? value, out BlobKey key, [NotNullWhen(false)] out string? error)
    {
        key = default;
        error = Check(value);
        if (error is not null)
        {
            return false;
        }

        key = new BlobKey(value!.Normalize(System.Text.NormalizationForm.FormC));
        return true;
    }

    private static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "A blob key cannot be empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"A blob key is at most {MaxLength} characters.";
        }

        if (value.StartsWith('/') || value.Contains('\\') || Path.IsPathRooted(value))
        {
            return $"The blob key '{value}' must be relative and use '/' separators.";
        }

        if (value.Any(char.IsControl))
        {
            return "A blob key cannot contain control characters.";
        }

        foreach (var segment in value.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.Trim().Length == 0)
            {
                return $"The blob key '{value}' has an empty, '.' or '..' segment; keys cannot leave their root.";
            }
        }

        return null;
    }
}
