using Microsoft.Extensions.Options;
using Storefront.Core.Modules;

namespace Storefront.Host.Hosting;

/// <summary>
/// A configuration mistake is the operator's to fix: say which key and why, in one line, with no
/// stack trace, and exit non-zero so an orchestrator does not treat the start as healthy.
/// </summary>
internal static class StartupFailure
{
    public static bool IsConfigurationError(Exception ex) => Flatten(ex).All(e => e is ModuleConfigurationException or OptionsValidationException
        || (e is InvalidOperationException invalid && invalid.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)));

    public static int Report(Exception ex)
    {
        Console.Error.WriteLine("Storefront cannot start: its configuration is not valid.");
        foreach (var message in Flatten(ex).SelectMany(e => e is OptionsValidationException validation ? validation.Failures : [e.Message]).Distinct())
        {
            Console.Error.WriteLine("  - " + message);
        }

        return 3;
    }

    // Start-up validation reports every failing options class at once, wrapped in an AggregateException.
    private static IEnumerable<Exception> Flatten(Exception ex) =>
        ex is AggregateException aggregate ? aggregate.InnerExceptions.SelectMany(Flatten) : [ex];
}
