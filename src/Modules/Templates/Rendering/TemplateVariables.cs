using System.Collections;
using System.Reflection;
using Fluid;
using Storefront.Core.Templates;

namespace Storefront.Templates.Rendering;

/// <summary>One readable value for the editor's help list: <c>receipt.order_number</c> (text).</summary>
public sealed record TemplateVariable(string Path, string Kind);

/// <summary>
/// The help list, drawn from the allow-list itself so it can never offer what the sandbox refuses or leave out what it
/// allows: the model's members under its name, then the members of each other type (the items of its lists).
/// </summary>
public static class TemplateVariables
{
    public static IReadOnlyList<(string Heading, IReadOnlyList<TemplateVariable> Variables)> For(TemplateDefinition definition) =>
    [
        .. definition.ModelTypes.Select((type, index) =>
        {
            var prefix = index == 0 ? definition.ModelName : Snake(type);
            var heading = index == 0 ? $"{{{{ {definition.ModelName} }}}}" : $"each {Snake(type)} (an item of a list above)";
            IReadOnlyList<TemplateVariable> members =
            [
                .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                    .Select(p => new TemplateVariable($"{prefix}.{MemberNameStrategies.SnakeCase(p)}", Kind(p.PropertyType))),
            ];
            return (heading, members);
        }),
    ];

    private static string Snake(Type type) => MemberNameStrategies.RenameSnakeCase(type);

    private static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(Uri))
        {
            return type == typeof(Uri) ? "web address" : "text";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return "number";
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return "date and time (UTC)";
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            return $"list of {Snake(type.GetGenericArguments()[0])}";
        }

        return Snake(type);
    }
}
