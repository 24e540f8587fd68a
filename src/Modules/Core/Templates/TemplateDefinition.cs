namespace Storefront.Core.Templates;

/// <summary>Whether a template's output is HTML (every value is HTML-encoded unless marked <c>raw</c>) or plain text.</summary>
public enum TemplateFormat
{
    Html,
    Text,
}

/// <summary>
/// A template a module lets editors change, registered as a singleton by the module that renders it. The model is exposed
/// to the template under <see cref="ModelName"/>; only the public properties of <see cref="ModelTypes"/> can be read
/// (the allow-list), in snake_case (<c>product.price</c>, <c>receipt.order_number</c>).
/// </summary>
/// <param name="Name">Dotted and stable (<c>product.details</c>): saved versions and recipes refer to it.</param>
/// <param name="Title">What the admin lists it as.</param>
/// <param name="ModelTypes">The model's type first, then every type reachable from it that the template may read.</param>
public sealed record TemplateDefinition(string Name, string Title, TemplateFormat Format, string ModelName, IReadOnlyList<Type> ModelTypes)
{
    /// <summary>Where it shows, in a sentence, for the admin.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// Liquid that gives the built-in output, which the editor starts from; empty when the built-in is drawn by the
    /// shop's code and has no Liquid equivalent (the editor then starts from nothing).
    /// </summary>
    public string Starter { get; init; } = "";

    /// <summary>A model to preview against: a real item of the shop where there is one, made-up data otherwise.</summary>
    public required Func<IServiceProvider, CancellationToken, Task<object>> Sample { get; init; }
}
