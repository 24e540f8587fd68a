namespace Storefront.StripeEmulator;

/// <summary>Served from a route because a CSP of <c>style-src 'self'</c> forbids inline styles and &lt;style&gt; blocks.</summary>
internal static class CheckoutStylesheet
{
    public const string Css = """
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
        body { margin: 0 auto; max-width: 36rem; padding: 1rem; }
        header { display: flex; justify-content: space-between; flex-wrap: wrap; gap: .5rem; }
        .merchant { font-weight: 600; margin: 0; }
        .test-mode { margin: 0; padding: .1rem .5rem; border-radius: .25rem; background: #ffde92; color: #3d2c00; }
        h1 { font-size: 1.5rem; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
        th, td { text-align: left; padding: .4rem; border-bottom: 1px solid #8888; }
        td:last-child, tfoot td { text-align: right; }
        .description { font-size: .9rem; opacity: .85; }
        label { display: block; margin-top: .75rem; font-weight: 600; }
        input { width: 100%; box-sizing: border-box; padding: .6rem; font: inherit; border: 1px solid #767676; border-radius: .25rem; }
        .actions { display: flex; flex-direction: column; gap: .5rem; margin-top: 1rem; }
        button { padding: .7rem; font: inherit; border-radius: .25rem; border: 1px solid #767676; cursor: pointer; min-height: 44px; }
        button.primary { background: #0a5dc2; color: #fff; border-color: #0a5dc2; font-weight: 600; }
        :focus-visible { outline: 3px solid #0a5dc2; outline-offset: 2px; }
        .error { border-left: 4px solid #b3261e; padding: .5rem .75rem; background: #fdecea; color: #5f1410; }
        footer { margin-top: 2rem; font-size: .85rem; opacity: .8; }
        """;
}
