namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Debian's nginx on loopback in front of several shop instances, round robin, with a generated configuration and
/// its own folder for logs and buffers. Its access log names the instance that answered each request.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly TempFolder folder = new("storefront-nginx");
    private OwnedProcess? process;

    private NginxProxy(int port) => Address = new Uri($"http://127.0.0.1:{port}");

    public Uri Address { get; }

    public static async Task<NginxProxy> StartAsync(int port, IEnumerable<Uri> upstreams)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install nginx (scripts/test.sh installs it).");
        }

        var proxy = new NginxProxy(port);
        try
        {
            var configuration = proxy.folder.File("nginx.conf");
            await File.WriteAllTextAsync(configuration, Configuration(proxy.folder.Path, port, upstreams));
            // -e: without it nginx opens /var/log/nginx/error.log before it has read the configuration.
            proxy.process = await OwnedProcess.StartServerAsync(Binary,
                ["-p", proxy.folder.Path, "-c", configuration, "-e", proxy.folder.File("error.log")], port, proxy.folder.Path);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>The access log: one line per request, "METHOD URI STATUS upstream=ADDRESSES upstream_status=STATUSES".</summary>
    public IReadOnlyList<string> AccessLog()
    {
        var path = folder.File("access.log");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    public string ErrorLog()
    {
        var path = folder.File("error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public ValueTask DisposeAsync()
    {
        process?.Dispose();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Configuration(string root, int port, IEnumerable<Uri> upstreams) => $$"""
        # Run as root, nginx would hand its workers to "nobody", who cannot write the test's folders.
        {{(Environment.UserName == "root" ? "user root root;" : "")}}
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{root}}/nginx.pid;
        events { worker_connections 1024; }
        http {
            log_format replicas '$request_method $uri $status upstream=$upstream_addr upstream_status=$upstream_status';
            access_log {{root}}/access.log replicas;
            client_body_temp_path {{root}}/client_body;
            proxy_temp_path {{root}}/proxy;
            fastcgi_temp_path {{root}}/fastcgi;
            uwsgi_temp_path {{root}}/uwsgi;
            scgi_temp_path {{root}}/scgi;
            client_max_body_size 64m;

            upstream shop {
        {{string.Concat(upstreams.Select(u => $"        server {u.Authority} max_fails=1 fail_timeout=3s;\n"))}}
                keepalive 16;
            }

            server {
                listen 127.0.0.1:{{port}};
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                # The shop believes these only from Proxy__KnownNetworks, and the host only if it is Site__BaseUrl's.
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-Host $http_host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_connect_timeout 2s;
                # GET and HEAD only (nginx never retries other methods unless told): an instance that died or refused
                # the connection is skipped, and the buyer sees the page from the next one.
                proxy_next_upstream error timeout http_502;
                proxy_next_upstream_tries 3;

                location = /webhooks/stripe {
                    proxy_pass http://shop;
                    # Safe to repeat: the shop records each event id and fulfils a session with one conditional update,
                    # so a delivery cut off by a dying instance and sent again to another grants nothing twice. Other
                    # POSTs (checkout, admin forms) may have taken effect before the cut and are not repeated.
                    proxy_next_upstream error timeout http_502 non_idempotent;
                }

                location /download/ {
                    proxy_pass http://shop;
                    # Streamed, not buffered: the shop must see a buyer who stops reading, to give the use back.
                    proxy_buffering off;
                }

                location / {
                    proxy_pass http://shop;
                }
            }
        }
        """;
}
