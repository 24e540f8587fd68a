using System.Collections.Concurrent;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Keeps every cookie a shop sets and sends them all back, whatever their path or Secure flag: a browser behind the
/// TLS the shop expects in Production would send its Secure admin cookie, and here the proxy on loopback is plain HTTP.
/// One jar can serve clients of several addresses (the proxy and each instance directly).
/// </summary>
public sealed class CookieJar
{
    private readonly ConcurrentDictionary<string, string> cookies = new();

    /// <summary>The Cookie header for a request.</summary>
    public string Header => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    public bool Has(string name) => cookies.ContainsKey(name);

    /// <summary>A client of <paramref name="address"/> that uses this jar and does not follow redirects.</summary>
    public HttpClient Client(Uri address) => new(new Handler(this)) { BaseAddress = address };

    private sealed class Handler(CookieJar jar) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!jar.cookies.IsEmpty)
            {
                request.Headers.Add("Cookie", jar.Header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2)
                {
                    if (pair[1].Length == 0)
                    {
                        jar.cookies.TryRemove(pair[0], out _);
                    }
                    else
                    {
                        jar.cookies[pair[0]] = pair[1];
                    }
                }
            }

            return response;
        }
    }
}
