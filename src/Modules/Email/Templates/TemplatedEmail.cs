using Storefront.Core.Templates;

namespace Storefront.Email.Templates;

/// <summary>Puts an email's saved templates in place of its built-in subject and bodies.</summary>
internal static class TemplatedEmail
{
    public static async Task<EmailMessage> ApplyAsync(EmailMessage message, ITemplateRenderer templates, CancellationToken cancellationToken)
    {
        if (message.Template is not { } template)
        {
            return message;
        }

        var subject = await templates.RenderAsync(template.Name + EmailTemplates.Subject, template.Model, cancellationToken);
        var text = await templates.RenderAsync(template.Name + EmailTemplates.Text, template.Model, cancellationToken);
        var html = message.HtmlBody is null ? null : await templates.RenderAsync(template.Name + EmailTemplates.Html, template.Model, cancellationToken);
        // A subject is one line. An email with a blank subject or part looks like spam or a fault: blank keeps the built-in.
        var oneLine = subject is null ? "" : string.Join(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return message with
        {
            Subject = oneLine.Length > 0 ? oneLine : message.Subject,
            TextBody = string.IsNullOrWhiteSpace(text) ? message.TextBody : text,
            HtmlBody = string.IsNullOrWhiteSpace(html) ? message.HtmlBody : html,
        };
    }
}
