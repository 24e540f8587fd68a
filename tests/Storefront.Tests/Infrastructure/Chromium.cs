using System.Reflection;
using Microsoft.Playwright;

namespace Storefront.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright; no browser download, no network beyond loopback.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: the README's test command installs Debian's chromium package.");
        }

        // Web-first assertions (Expect) poll for up to this long; 5 s by default is short for a loaded CI machine.
        Assertions.SetDefaultExpectTimeout(Milliseconds(60));
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return (playwright, PatientBrowser.Wrap(browser));
    }

    /// <summary>An idle-machine base in seconds, stretched by the machine's load, as Playwright takes it.</summary>
    private static float Milliseconds(int seconds) => (float)Patience.For(TimeSpan.FromSeconds(seconds)).TotalMilliseconds;

    /// <summary>
    /// Hands out contexts and pages whose waits allow for a loaded 2-CPU CI machine: Playwright's 30 s default
    /// is plenty on a quiet machine, but a page behind a busy test server has missed it. A failing assertion
    /// still fails; it only waits longer first.
    /// </summary>
    // Not sealed: DispatchProxy derives the proxy type from it.
    public class PatientBrowser : DispatchProxy
    {
        private static float ActionTimeout => Milliseconds(60);

        private static float NavigationTimeout => Milliseconds(90);

        private IBrowser _inner = null!;

        public static IBrowser Wrap(IBrowser browser)
        {
            var proxy = Create<IBrowser, PatientBrowser>();
            ((PatientBrowser)(object)proxy)._inner = browser;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            object? result;
            try
            {
                result = targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
            return result switch
            {
                Task<IBrowserContext> context => Patient(context),
                Task<IPage> page => Patient(page),
                _ => result,
            };
        }

        private static async Task<IBrowserContext> Patient(Task<IBrowserContext> created)
        {
            var context = await created;
            context.SetDefaultTimeout(ActionTimeout);
            context.SetDefaultNavigationTimeout(NavigationTimeout);
            return context;
        }

        private static async Task<IPage> Patient(Task<IPage> created)
        {
            var page = await created;
            page.SetDefaultTimeout(ActionTimeout);
            page.SetDefaultNavigationTimeout(NavigationTimeout);
            return page;
        }
    }
}
