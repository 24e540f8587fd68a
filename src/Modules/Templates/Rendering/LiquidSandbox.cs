using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using Storefront.Core.Templates;

namespace Storefront.Templates.Rendering;

/// <summary>
/// Parses and renders editor Liquid in a sandbox: no file system (<c>include</c> and <c>render</c> are not tags at all,
/// and the file provider is empty anyway), no functions, no network; only the definition's model types can be read;
/// steps, recursion, run time and output size are bounded, so no template can hang a page or fill the memory.
/// </summary>
public sealed partial class LiquidSandbox
{
    public const int MaxSteps = 100_000;

    public const int MaxRecursion = 20;

    public const int MaxOutputChars = 512 * 1024;

    /// <summary>
    /// Blocks inside blocks, or brackets inside brackets, deeper than this are refused before parsing: the parser and the
    /// renderer recurse once per level, and a few thousand levels overflow the stack, which ends the process.
    /// </summary>
    public const int MaxNesting = 64;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const string DeadlineKey = "storefront.deadline";

    // Only what HTML needs escaped: names in any script stay readable in the output.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly FluidParser Parser = CreateParser();

    private readonly Dictionary<string, (TemplateDefinition Definition, TemplateOptions Options)> definitions;

    // Bodies change only when an editor saves: parsing each once keeps a page render to the render itself.
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);

    public LiquidSandbox(IEnumerable<TemplateDefinition> registered)
    {
        definitions = registered.ToDictionary(d => d.Name, d => (d, OptionsFor(d)), StringComparer.Ordinal);
        All = [.. definitions.Values.Select(d => d.Definition).OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<TemplateDefinition> All { get; }

    public TemplateDefinition? Find(string name) => definitions.TryGetValue(name, out var found) ? found.Definition : null;

    /// <summary>Parses <paramref name="body"/>; on failure, says what and where ("Line 3, column 5: …") for the editor.</summary>
    public bool TryParse(string body, out IFluidTemplate template, out string problem)
    {
        problem = "";
        if (parsed.TryGetValue(body, out template!))
        {
            return true;
        }

        if (NestingProblem(body) is { } nesting)
        {
            template = null!;
            problem = nesting;
            return false;
        }

        if (!Parser.TryParse(body, out template!, out var error))
        {
            problem = Describe(error);
            return false;
        }

        if (parsed.Count > 1000)
        {
            parsed.Clear();
        }

        parsed[body] = template;
        return true;
    }

    /// <summary>Renders a parsed template against <paramref name="model"/>; throws <see cref="TemplateRenderException"/> when it fails.</summary>
    public async Task<string> RenderAsync(TemplateDefinition definition, IFluidTemplate template, object model, CancellationToken cancellationToken)
    {
        var options = definitions[definition.Name].Options;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var context = new TemplateContext(options);
        context.AmbientValues[DeadlineKey] = deadline.Token;
        context.SetValue(definition.ModelName, model);
        var output = new BoundedWriter(MaxOutputChars, deadline.Token);
        TextEncoder encoder = definition.Format == TemplateFormat.Html ? Html : NullEncoder.Default;
        try
        {
            // On the pool, so the caller gets its answer at the deadline even from a loop that writes nothing;
            // the step limit ends that loop soon after.
            await Task.Run(async () => await template.RenderAsync(output, encoder, context), CancellationToken.None)
                .WaitAsync(Timeout + TimeSpan.FromMilliseconds(100), cancellationToken);
            return output.ToString();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TemplateRenderException(ex switch
            {
                OperationCanceledException or TimeoutException => $"it ran longer than {Timeout.TotalSeconds:0.#} s",
                _ => ex.Message,
            }, ex);
        }
    }

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false });
        // Both read other templates from a file provider: a template sees its model and nothing else.
        parser.RegisteredTags.Remove("include");
        parser.RegisteredTags.Remove("render");
        return parser;
    }

    private static TemplateOptions OptionsFor(TemplateDefinition definition)
    {
        var options = new TemplateOptions
        {
            FileProvider = new NullFileProvider(),
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        };
        foreach (var type in definition.ModelTypes)
        {
            options.MemberAccessStrategy.Register(type);
        }

        // A string doubled in a loop outgrows any output bound before it is written: assignments are bounded too.
        options.Assigned = (_, value, context) => Bounded(value, context);
        options.Captured = (_, value, context) => Bounded(value, context);
        return options;
    }

    private static ValueTask<FluidValue> Bounded(FluidValue value, TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(DeadlineKey, out var token) && token is CancellationToken deadline)
        {
            deadline.ThrowIfCancellationRequested();
        }

        if (value is StringValue text && text.ToStringValue().Length > MaxOutputChars)
        {
            throw new InvalidOperationException($"a value grew past {MaxOutputChars / 1024} KB");
        }

        return new ValueTask<FluidValue>(value);
    }

    /// <summary>Where the body nests deeper than <see cref="MaxNesting"/>, for the editor; null when it does not.</summary>
    private static string? NestingProblem(string body)
    {
        var tags = TagName().Matches(body);
        // A block is a tag that has an end tag somewhere ("if" … "endif"); any other tag stands alone.
        var blocks = tags.Select(t => t.Groups[1].Value).Where(n => n.StartsWith("end", StringComparison.Ordinal)).Select(n => n[3..]).ToHashSet(StringComparer.Ordinal);
        var depth = 0;
        foreach (Match tag in tags)
        {
            var name = tag.Groups[1].Value;
            if (blocks.Contains(name) && ++depth > MaxNesting)
            {
                return $"{At(body, tag.Index)}: blocks are nested more than {MaxNesting} deep";
            }

            if (name.StartsWith("end", StringComparison.Ordinal) && blocks.Contains(name[3..]))
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        var brackets = 0;
        for (var i = 0; i < body.Length; i++)
        {
            brackets = body[i] switch
            {
                '(' or '[' => brackets + 1,
                ')' or ']' => Math.Max(0, brackets - 1),
                '}' => 0,
                _ => brackets,
            };
            if (brackets > MaxNesting)
            {
                return $"{At(body, i)}: brackets are nested more than {MaxNesting} deep";
            }
        }

        return null;
    }

    private static string At(string body, int index)
    {
        var lineStart = index == 0 ? 0 : body.LastIndexOf('\n', index - 1) + 1;
        return $"Line {1 + body.AsSpan(0, index).Count('\n')}, column {index - lineStart + 1}";
    }

    [GeneratedRegex(@"\{%-?\s*(\w+)")]
    private static partial Regex TagName();

    /// <summary>"Unknown tag 'include' at (1:13)\nSource: …" → "Line 1, column 13: Unknown tag 'include'".</summary>
    private static string Describe(string error)
    {
        var firstLine = error.Split('\n')[0].Trim();
        var match = Position().Match(firstLine);
        return match.Success
            ? $"Line {match.Groups[2].Value}, column {match.Groups[3].Value}: {match.Groups[1].Value.TrimEnd()}"
            : firstLine;
    }

    [GeneratedRegex(@"^(.*) at \((\d+):(\d+)\)$")]
    private static partial Regex Position();
}

/// <summary>A template that parsed but could not be rendered: the reason is for the editor and the log.</summary>
public sealed class TemplateRenderException(string message, Exception inner) : Exception(message, inner);
