using Storefront.Core.Templates;

namespace Storefront.Email.Templates;

/// <summary>
/// The three templates of one email (<c>email.receipt.subject</c>, <c>.text</c>, <c>.html</c>), declared together by the
/// module that sends it, with the model they share and a made-up sample to preview against.
/// </summary>
public static class EmailTemplates
{
    public const string Subject = ".subject";

    public const string Text = ".text";

    public const string Html = ".html";

    /// <param name="name">Shared stem, <c>email.receipt</c>; the message names it in its <see cref="EmailTemplate"/>.</param>
    /// <param name="starters">Liquid giving the built-in subject and text, where written; the HTML part's built-in is drawn by code.</param>
    public static IEnumerable<TemplateDefinition> Define(string name, string title, string sentWhen, string modelName, Type[] modelTypes, object sample,
        (string Subject, string Text) starters) =>
    [
        Part(name + Subject, $"{title}: subject", TemplateFormat.Text, $"The subject of {sentWhen}.", modelName, modelTypes, sample, starters.Subject),
        Part(name + Text, $"{title}: plain text", TemplateFormat.Text, $"The plain-text part of {sentWhen}, read by text-only clients and screen readers.",
            modelName, modelTypes, sample, starters.Text),
        Part(name + Html, $"{title}: HTML", TemplateFormat.Html, $"The HTML part of {sentWhen}. Email clients ignore style sheets: use inline styles.",
            modelName, modelTypes, sample, ""),
    ];

    private static TemplateDefinition Part(string name, string title, TemplateFormat format, string description, string modelName, Type[] types,
        object sample, string starter) =>
        new(name, title, format, modelName, types) { Description = description, Starter = starter, Sample = (_, _) => Task.FromResult(sample) };
}
