using Microsoft.Extensions.Options;
using Storefront.Core.Modules;

namespace Storefront.Host.Hosting;

/// <summary>
/// A configuration mistake is the operator's to fix: say which key and why, in one line, with no
/// stack trace, and exit non-zero so an orchestrator does not treat the start as healthy.
/// </summary>
internal static class StartupFailure
{
    public static bool IsConfigurationError(Exception ex) => Unwrap(ex) is ModuleConfigurationException or OptionsValidationException
        || (Unwrap(ex) is InvalidOperationException invalid && invalid.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase));

    public static int Report(Exception ex)
    {
        var error = Unwrap(ex);
        var messages = error is OptionsValidationException validation ? validation.Failures : [error.Message];
        Console.Error.WriteLine("Storefront cannot start: its configuration is not valid.");
        foreach (var message in messages)
        {
            Console.Error.WriteLine("  - " + message);
        }

        return 3;
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : ex;
}
